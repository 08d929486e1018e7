<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>SyncCommands</name>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="43"/>
        <source>sign this profile in to a sync server</source>
        <translation>将此档案登录到同步服务器</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="44"/>
        <source>Sign in to the central server. The password is asked for without echo, or read from standard input with --password-stdin.</source>
        <translation>登录中央服务器。密码以不回显方式输入，或使用 --password-stdin 从标准输入读取。</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="48"/>
        <source>the server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="49"/>
        <source>your user name</source>
        <translation>您的用户名</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="51"/>
        <source>read the password from standard input</source>
        <translation>从标准输入读取密码</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="53"/>
        <source>how this laptop is listed on the server (default: host name)</source>
        <translation>此电脑在服务器上显示的名称（默认：主机名）</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="55"/>
        <location filename="../../../desktop/commands/sync_cmds.py" line="72"/>
        <source>allow an unencrypted http:// server that is not this computer</source>
        <translation>允许连接非本机的未加密 http:// 服务器</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="58"/>
        <source>sign this profile out of the sync server</source>
        <translation>将此档案从同步服务器退出登录</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="63"/>
        <source>send local changes to the server and receive its changes</source>
        <translation>将本地更改发送到服务器并接收服务器的更改</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="64"/>
        <source>Push the unsent changes, pull the server&apos;s changes, and verify.</source>
        <translation>推送未发送的更改，拉取服务器的更改，并进行校验。</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="68"/>
        <source>only show the sync state, do not contact the server</source>
        <translation>仅显示同步状态，不连接服务器</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="70"/>
        <source>also write the changes the server refused to this JSON file</source>
        <translation>同时将服务器拒绝的更改写入此 JSON 文件</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="73"/>
        <source>do not report progress</source>
        <translation>不显示进度</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="78"/>
        <source>error: {message}</source>
        <translation>错误：{message}</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="96"/>
        <source>Password for {user}: </source>
        <translation>{user} 的密码：</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="98"/>
        <source>no password given</source>
        <translation>未提供密码</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="111"/>
        <source>Signed in to {server} as {user} ({role}).</source>
        <translation>已以 {user}（{role}）身份登录 {server}。</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="114"/>
        <source>No keyring on this computer: the sign-in is kept only while this program runs, so you will need to sign in again next time.</source>
        <translation>此电脑没有密钥环：登录状态仅在本程序运行期间保留，下次需要重新登录。</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="125"/>
        <source>This profile is not signed in.</source>
        <translation>此档案尚未登录。</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="132"/>
        <source>Signed out.</source>
        <translation>已退出登录。</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="134"/>
        <source>{n} unsent changes stay on this laptop until you sign in again.</source>
        <translation>{n} 项未发送的更改保留在此电脑上，直到您重新登录。</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="144"/>
        <source>this profile is not signed in: run `login --server URL --user NAME` first</source>
        <translation>此档案尚未登录：请先运行 `login --server URL --user NAME`</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="162"/>
        <source>{n} unsent changes are kept.</source>
        <translation>{n} 项未发送的更改已保留。</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="169"/>
        <source>{n} refused changes written to {path}</source>
        <translation>已将 {n} 项被拒绝的更改写入 {path}</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="177"/>
        <source>Sync finished in {s:.1f} s.</source>
        <translation>同步完成，用时 {s:.1f} 秒。</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="178"/>
        <source>  sent: {n} (applied {a}, merged {m}, in conflict {c}, refused {x})</source>
        <translation>  已发送：{n}（已应用 {a}，已合并 {m}，冲突 {c}，被拒绝 {x}）</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="180"/>
        <source>  received: {n} records</source>
        <translation>  已接收：{n} 条记录</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="182"/>
        <source>  partners no longer assigned to you, removed from this laptop: {n}</source>
        <translation>  已不再分配给您、已从此电脑移除的渠道商：{n}</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="185"/>
        <source>  conflict: {entity} {id} field {field}: yours {mine!r}, server keeps {theirs!r}</source>
        <translation>  冲突：{entity} {id} 字段 {field}：您的值 {mine!r}，服务器保留 {theirs!r}</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="189"/>
        <source>  {n} changes were refused by the server; see them with `sync --export-rejected FILE`.</source>
        <translation>  服务器拒绝了 {n} 项更改；可用 `sync --export-rejected FILE` 查看。</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="192"/>
        <source>  repaired after a check: {names}</source>
        <translation>  校验后已修复：{names}</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="197"/>
        <source>Server: {url}</source>
        <translation>服务器：{url}</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="198"/>
        <source>User: {user}</source>
        <translation>用户：{user}</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="199"/>
        <source>Signed in: {yes}</source>
        <translation>已登录：{yes}</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="199"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="199"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="200"/>
        <source>Unsent changes: {n}</source>
        <translation>未发送的更改：{n}</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="201"/>
        <source>Refused changes: {n}</source>
        <translation>被拒绝的更改：{n}</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="202"/>
        <source>Conflicts to review: {n}</source>
        <translation>待审阅的冲突：{n}</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="203"/>
        <source>Last sync: {t}</source>
        <translation>上次同步：{t}</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="203"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="205"/>
        <source>Last error: {e}</source>
        <translation>上次错误：{e}</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="222"/>
        <source>Sending changes… {done}/{total}</source>
        <translation>正在发送更改… {done}/{total}</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="223"/>
        <source>Receiving… {done} records</source>
        <translation>正在接收… {done} 条记录</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="224"/>
        <source>Checking…</source>
        <translation>正在校验…</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="225"/>
        <source>Repairing… {done} records re-read</source>
        <translation>正在修复… 已重新读取 {done} 条记录</translation>
    </message>
</context>
</TS>
