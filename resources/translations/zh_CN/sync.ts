<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ConflictView</name>
    <message>
        <location filename="../../../ui/sync/conflict_view.py" line="+179"/>
        <source>Partner</source>
        <extracomment>(entity, field) → how a coded value reads to the user</extracomment>
        <translation>渠道商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detected</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>Could not settle the conflict: %1</source>
        <translation>无法处理该冲突：%1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1 “%2”, field %3: changed on this laptop and on the server. The server kept its value for now; choose what stays.</source>
        <translation>%1“%2”的字段“%3”在本机和服务器上都被修改了。服务器暂时保留了它的值，请选择最终保留哪个。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 “%2”, field %3: %4 changed it while it was changed on the server too. The server kept its value for now; choose what stays.</source>
        <translation>%1“%2”，字段 %3：%4 修改了它，而服务器上同时也有修改。服务器暂时保留了自己的值；请选择保留哪一个。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The change by %1 (not from this laptop)</source>
        <translation>%1 的修改（不是来自本机）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep &amp;that change</source>
        <translation>保留该修改(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the value %1 sent to the server (Ctrl+1)</source>
        <translation>把 %1 提交的值写入服务器（Ctrl+1）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Sending your choice to the server…</source>
        <translation>正在把你的选择发送到服务器…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Settled. The server&apos;s record now holds your choice.</source>
        <translation>已处理。服务器上的记录已采用你的选择。</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+1"/>
        <source>Conflicts to review</source>
        <translation>待处理的冲突</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No conflicts to review</source>
        <translation>没有需要处理的冲突</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything you changed reached the server as you wrote it. A conflict appears here when a field was changed both on this laptop and on the server; you then keep yours, theirs or a merge.</source>
        <translation>您所做的所有修改都已原样同步到服务器。当同一字段在本机和服务器上都被修改时，冲突会显示在这里；届时您可以保留自己的、对方的或合并后的内容。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A conflict appears here when a field was changed both on this laptop and on the server. Sign in to your team&apos;s server to sync your changes.</source>
        <translation>当同一字段在本机和服务器上都被修改时，冲突会显示在这里。登录团队的服务器即可同步您的修改。</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>Mine (this laptop)</source>
        <translation>我的（本机）</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Theirs (on the server now)</source>
        <translation>对方的（服务器当前值）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merged (edit freely)</source>
        <translation>合并结果（可自由编辑）</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>Keep &amp;mine</source>
        <translation>保留我的(&amp;M)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write this laptop&apos;s value to the server (Ctrl+1)</source>
        <translation>把本机的值写入服务器（Ctrl+1）</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Keep &amp;theirs</source>
        <translation>保留对方的(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave the server&apos;s value (Ctrl+2)</source>
        <translation>保留服务器上的值（Ctrl+2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use m&amp;erged</source>
        <translation>使用合并结果(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the merged text to the server (Ctrl+3)</source>
        <translation>把合并后的文本写入服务器（Ctrl+3）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>DemoChoiceBar</name>
    <message>
        <location filename="../../../ui/sync/demo_choice_bar.py" line="+48"/>
        <source>New empty profile…</source>
        <translation>新建空配置文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove demo data…</source>
        <translation>移除演示数据…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>An empty folder for the new profile</source>
        <translation>为新配置文件选择一个空文件夹</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is not empty: choose an empty folder for the new profile.</source>
        <translation>%1 不是空的：请为新配置文件选择一个空文件夹。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ChannelKeeper could not be started on %1.</source>
        <translation>无法在 %1 上启动渠道管家。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A new ChannelKeeper opens on the empty profile in %1: sign in there. This profile keeps its demo data.</source>
        <translation>新的渠道管家将在 %1 中的空配置文件上打开：请在那里登录。此配置文件保留其演示数据。</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+6"/>
        <source>Remove demo data</source>
        <translation>移除演示数据</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Export my records, then remove…</source>
        <translation>先导出我的记录，再移除…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Export my records</source>
        <translation>导出我的记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The demo data is removed (%1 records); your own records are kept. Sign in again.</source>
        <translation>演示数据已移除（%1 条记录）；您自己的记录已保留。请重新登录。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing was removed: %1</source>
        <translation>没有移除任何内容：%1</translation>
    </message>
</context>
<context>
    <name>RejectedOps</name>
    <message>
        <location filename="../../../ui/sync/rejected_ops_view.py" line="+48"/>
        <source>The partner is no longer assigned to you.</source>
        <translation>该渠道商已不再分配给你。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Head office data cannot be changed here.</source>
        <translation>总部数据不能在这里修改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server does not know this kind of record.</source>
        <translation>服务器不认识这类记录。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A value was not accepted.</source>
        <translation>有一个值未被接受。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The record no longer exists on the server.</source>
        <translation>该记录在服务器上已不存在。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Changed</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partner</source>
        <translation>渠道商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <translation>修改内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why it was refused</source>
        <translation>被拒原因</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>created</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>edited</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deleted</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>RejectedOpsView</name>
    <message>
        <location line="+75"/>
        <source>Marked as reviewed. They stay listed here.</source>
        <translation>已标记为已查看。它们仍会列在这里。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export refused changes</source>
        <translation>导出被拒绝的修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 refused changes written to %2</source>
        <translation>已将 %1 条被拒绝的修改写入 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>Refused changes</source>
        <translation>被拒绝的修改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server refused these changes, so they are only on this laptop. Export them to keep a copy or to send them to head office.</source>
        <translation>服务器拒绝了这些修改，因此它们只保存在本机。可以导出留存副本，或发给总部。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark as &amp;reviewed</source>
        <translation>标记为已查看(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The status bar stops counting these; a change refused later counts again.</source>
        <translation>状态栏将不再计入这些修改；之后再被拒绝的修改会重新计入。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No refused changes</source>
        <translation>没有被拒绝的修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server accepted every change you made. A change it refuses (a partner no longer yours, a record deleted meanwhile) is listed here with the reason, to export or send to head office.</source>
        <translation>服务器已接受您的所有修改。被服务器拒绝的修改（例如伙伴已不归您负责、记录已被删除）会连同原因列在这里，可导出或发送给总部。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes the server refuses are listed here with the reason. Sign in to your team&apos;s server to sync your changes.</source>
        <translation>被服务器拒绝的修改会连同原因列在这里。登录团队的服务器即可同步您的修改。</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../../ui/sync/sign_in_dialog.py" line="+105"/>
        <source>Enter the server address.</source>
        <translation>请输入服务器地址。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+85"/>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <location line="-85"/>
        <location line="+85"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>The user name or password is not correct.</source>
        <translation>用户名或密码不正确。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Too many failed attempts. Wait a few minutes, then try again.</source>
        <translation>失败次数过多。请等几分钟后再试。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server cannot be reached. Check the address and your network connection.</source>
        <translation>无法连接服务器。请检查地址和网络连接。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This version of ChannelKeeper is too old for this server. Please update the app; your data is kept.</source>
        <translation>此版本的渠道管家对该服务器来说过旧。请更新应用；你的数据会保留。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This address is not encrypted (http://). Use https://, or tick “Allow insecure http” for a test server you trust.</source>
        <translation>该地址未加密（http://）。请使用 https://；若是你信任的测试服务器，可勾选“允许不安全的 http”。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is not a server address. Example: https://sync.example.com</source>
        <translation>这不是服务器地址。示例：https://sync.example.com</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The sign-in failed: %1</source>
        <translation>登录失败：%1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Sign in to the sync server</source>
        <translation>登录同步服务器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign in with the account head office gave you. Your changes are sent and the server&apos;s are received.</source>
        <translation>请使用总部分配的账号登录。登录后会发送你的修改，并接收服务器上的修改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>https://sync.example.com</source>
        <translation>https://sync.example.com</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allow insecure http (test servers only)</source>
        <translation>允许不安全的 http（仅限测试服务器）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plain http sends your password and data unencrypted. Only for a test server on a network you trust.</source>
        <translation>普通 http 会以明文发送你的密码和数据。仅适用于可信网络中的测试服务器。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This computer has no keyring to keep your sign-in safely. You stay signed in until you quit ChannelKeeper, then you will need to sign in again.</source>
        <translation>这台电脑没有可安全保存登录信息的密钥环。退出渠道管家前会保持登录，之后需要重新登录。</translation>
    </message>
</context>
<context>
    <name>SyncCommands</name>
    <message>
        <location filename="../../../desktop/commands/sync_cmds.py" line="+65"/>
        <source>sign this profile in to a sync server</source>
        <extracomment>a profile with demo data asked to sync with a real server (as for other bad input) head office reported this laptop lost: the profile was erased</extracomment>
        <translation>将此档案登录到同步服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in to the central server. The password is asked for without echo, or read from standard input with --password-stdin.</source>
        <translation>登录中央服务器。密码以不回显方式输入，或使用 --password-stdin 从标准输入读取。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>your user name</source>
        <translation>您的用户名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>read the password from standard input</source>
        <translation>从标准输入读取密码</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+30"/>
        <source>how this laptop is listed on the server (default: host name)</source>
        <translation>此电脑在服务器上显示的名称（默认：主机名）</translation>
    </message>
    <message>
        <location line="-28"/>
        <location line="+17"/>
        <source>allow an unencrypted http:// server that is not this computer</source>
        <translation>允许连接非本机的未加密 http:// 服务器</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>sign this profile out of the sync server</source>
        <translation>将此档案从同步服务器退出登录</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>send local changes to the server and receive its changes</source>
        <translation>将本地更改发送到服务器并接收服务器的更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Push the unsent changes, pull the server&apos;s changes, and verify.</source>
        <translation>推送未发送的更改，拉取服务器的更改，并进行校验。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>only show the sync state, do not contact the server</source>
        <translation>仅显示同步状态，不连接服务器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>also write the changes the server refused to this JSON file</source>
        <translation>同时将服务器拒绝的更改写入此 JSON 文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>do not report progress</source>
        <translation>不显示进度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sign in with the password read from standard input, sync, and sign out again: nothing is stored (for scripts and machines without a keyring)</source>
        <translation>用从标准输入读取的密码登录、同步，然后再退出登录：什么都不保存（供脚本和没有密钥环的计算机使用）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>with --password-stdin: the user name (default: the last one)</source>
        <translation>与 --password-stdin 一起使用：用户名（默认：上次的用户名）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>with --password-stdin: the server address (default: the last one)</source>
        <translation>与 --password-stdin 一起使用：服务器地址（默认：上次的地址）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>error: {message}</source>
        <translation>错误：{message}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Password for {user}: </source>
        <translation>{user} 的密码：</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+50"/>
        <source>no password given</source>
        <translation>未提供密码</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>this computer has no keyring, so the sign-in cannot be kept after this command ends (it was undone). Sign in and sync in one go instead: `sync --server URL --user NAME --password-stdin`.</source>
        <translation>这台计算机没有密钥环，命令结束后无法保持登录（此次登录已撤销）。请改为一次完成登录和同步：`sync --server URL --user NAME --password-stdin`。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Signed in to {server} as {user} ({role}).</source>
        <translation>已以 {user}（{role}）身份登录 {server}。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This profile is not signed in.</source>
        <translation>此档案尚未登录。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Signed out.</source>
        <translation>已退出登录。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} unsent changes stay on this laptop until you sign in again.</source>
        <translation>{n} 项未发送的更改保留在此电脑上，直到您重新登录。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>this profile is not signed in: run `login --server URL --user NAME` first (or `sync --server URL --user NAME --password-stdin`)</source>
        <translation>此配置文件尚未登录：请先运行 `login --server URL --user NAME`（或 `sync --server URL --user NAME --password-stdin`）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--password-stdin needs --user NAME</source>
        <translation>--password-stdin 需要 --user NAME</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>{n} unsent changes are kept.</source>
        <translation>{n} 项未发送的更改已保留。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{n} refused changes written to {path}</source>
        <translation>已将 {n} 项被拒绝的更改写入 {path}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Head office reported this laptop lost. ChannelKeeper&apos;s data in {path} and its sign-in were erased.</source>
        <translation>总部已将这台笔记本报告为丢失。{path} 中的渠道管家数据及其登录信息已被清除。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} changes could not be sent before the wipe.</source>
        <translation>有 {n} 项更改在清除前未能发送。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server could not be told; it will still show the wipe as requested.</source>
        <translation>未能通知服务器；服务器上仍会显示为“已请求清除”。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Preparing search: {done} of {total} records</source>
        <translation>正在建立搜索索引：{done} / {total} 条记录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>  prepared {n} records for search in {s:.1f} s</source>
        <translation>  已为搜索建立 {n} 条记录的索引，用时 {s:.1f} 秒</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sync finished in {s:.1f} s.</source>
        <translation>同步完成，用时 {s:.1f} 秒。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  sent: {n} (applied {a}, merged {m}, in conflict {c}, refused {x})</source>
        <translation>  已发送：{n}（已应用 {a}，已合并 {m}，冲突 {c}，被拒绝 {x}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  received: {n} records</source>
        <translation>  已接收：{n} 条记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  partners no longer assigned to you, removed from this laptop: {n}</source>
        <translation>  已不再分配给您、已从此电脑移除的渠道商：{n}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  conflict: {entity} {id} field {field}: yours {mine!r}, server keeps {theirs!r}</source>
        <translation>  冲突：{entity} {id} 字段 {field}：您的值 {mine!r}，服务器保留 {theirs!r}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>  {n} changes were refused by the server; see them with `sync --export-rejected FILE`.</source>
        <translation>  服务器拒绝了 {n} 项更改；可用 `sync --export-rejected FILE` 查看。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  repaired after a check: {names}</source>
        <translation>  校验后已修复：{names}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>  removed from this laptop because the server does not have them: {what}</source>
        <translation>  因服务器上没有而从本机移除：{what}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Server: {url}</source>
        <translation>服务器：{url}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User: {user}</source>
        <translation>用户：{user}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed in: {yes}</source>
        <translation>已登录：{yes}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unsent changes: {n}</source>
        <translation>未发送的更改：{n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused changes: {n}</source>
        <translation>被拒绝的更改：{n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflicts to review: {n}</source>
        <translation>待审阅的冲突：{n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last sync: {t}</source>
        <translation>上次同步：{t}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last error: {e}</source>
        <translation>上次错误：{e}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Sending changes… {done}/{total}</source>
        <translation>正在发送更改… {done}/{total}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receiving… {done} records</source>
        <translation>正在接收… {done} 条记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checking…</source>
        <translation>正在校验…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repairing… {done} records re-read</source>
        <translation>正在修复… 已重新读取 {done} 条记录</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../../ui/sync/sync_controller.py" line="+101"/>
        <source>A sync is already running.</source>
        <extracomment>F5 is the window&apos;s Refresh; F9 is &quot;send/receive&quot; in mail programs</extracomment>
        <translation>同步正在进行中。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Stopping the sync…</source>
        <translation>正在停止同步…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Signed in. Syncing…</source>
        <translation>已登录，正在同步…</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+10"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>1 change has not reached the server yet. It stays on this laptop and is sent when you sign in again, but nobody else sees it until then.</source>
        <translation>有 1 条修改尚未到达服务器。它会保留在本机，重新登录后发送；在此之前其他人看不到它。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 changes have not reached the server yet. They stay on this laptop and are sent when you sign in again, but nobody else sees them until then.</source>
        <translation>有 %1 条修改尚未到达服务器。它们会保留在本机，重新登录后发送；在此之前其他人看不到。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export them first…</source>
        <translation>先导出…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Signed out. Your data stays on this laptop.</source>
        <translation>已退出登录。你的数据仍保留在本机。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+8"/>
        <source>Export unsent changes</source>
        <translation>导出未发送的修改</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 unsent changes written to %2</source>
        <translation>已将 %1 条未发送的修改写入 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Try the demo</source>
        <translation>体验演示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This profile holds records from %1, so the demo cannot be loaded into it. Try the demo in a new empty profile: start ChannelKeeper with --profile and an empty folder.</source>
        <translation>此配置文件含有来自 %1 的记录，因此无法在其中加载演示。请在新的空配置文件中试用演示：使用 --profile 和一个空文件夹启动渠道管家。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Synced. 1 change conflicts with the server&apos;s: review it.</source>
        <translation>同步完成。有 1 条修改与服务器冲突，请处理。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Synced. %1 changes conflict with the server&apos;s: review them.</source>
        <translation>同步完成。有 %1 条修改与服务器冲突，请处理。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Synced. The server refused 1 change.</source>
        <translation>同步完成。服务器拒绝了 1 条修改。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Synced. The server refused %1 changes.</source>
        <translation>同步完成。服务器拒绝了 %1 条修改。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Synced. 1 change waits for a record the server does not have yet; it is sent again at each sync.</source>
        <translation>已同步。1 项更改在等待服务器上尚未有的记录；每次同步时会再次发送。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Synced. %1 changes wait for records the server does not have yet; they are sent again at each sync.</source>
        <translation>已同步。%1 项更改在等待服务器上尚未有的记录；每次同步时会再次发送。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Synced: %1 sent, %2 received.</source>
        <translation>同步完成：发送 %1 条，接收 %2 条。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Synced. 1 record the server does not have was removed from this laptop.</source>
        <translation>已同步。服务器上没有的 1 条记录已从本机移除。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Synced. %1 records the server does not have were removed from this laptop.</source>
        <translation>已同步。服务器上没有的 %1 条记录已从本机移除。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Offline: your changes are kept and sent when the server answers again.</source>
        <translation>离线：你的修改已保留，服务器恢复响应后会自动发送。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server asks you to sign in again. Your changes are kept.</source>
        <translation>服务器要求重新登录。你的修改已保留。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not signed in: sign in to sync.</source>
        <translation>未登录：请先登录再同步。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This version of ChannelKeeper is too old for the server. Update the app; your changes are kept.</source>
        <translation>此版本的渠道管家对服务器来说过旧。请更新应用；你的修改已保留。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync stopped. What arrived so far is kept; the next sync goes on from there.</source>
        <translation>同步已停止。已收到的内容都会保留；下次同步从这里继续。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sync failed: %1</source>
        <translation>同步失败：%1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>S&amp;ync</source>
        <translation>同步(&amp;Y)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;top sync</source>
        <translation>停止同步(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign &amp;in…</source>
        <translation>登录(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign &amp;out…</source>
        <translation>退出登录(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Conflicts to review…</source>
        <translation>待处理的冲突(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refused changes…</source>
        <translation>被拒绝的修改(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try the &amp;demo (local server)…</source>
        <translation>体验演示（本机服务器）(&amp;D)…</translation>
    </message>
</context>
<context>
    <name>SyncLabels</name>
    <message>
        <location filename="../../../ui/sync/conflict_view.py" line="-341"/>
        <source>Partner</source>
        <translation>渠道商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action item</source>
        <translation>行动项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review</source>
        <translation>复盘</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review template</source>
        <translation>复盘模板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Joint goal</source>
        <translation>联合目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage change</source>
        <translation>阶段变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Touchpoint</source>
        <translation>往来记录</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Goals</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agenda</source>
        <translation>议程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decisions</source>
        <translation>决议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tier</source>
        <translation>渠道分层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Location</source>
        <translation>地点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Our commitment</source>
        <translation>我方承诺</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partner&apos;s commitment</source>
        <translation>渠道方承诺</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service terms</source>
        <translation>服务条款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risk-sharing terms</source>
        <translation>风险共担条款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agreement ends</source>
        <translation>协议到期</translation>
    </message>
</context>
<context>
    <name>SyncReview</name>
    <message>
        <location filename="../../../ui/sync/review_empty.py" line="+27"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in…</source>
        <translation>登录…</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../../../ui/sync/sync_status_widget.py" line="+128"/>
        <source>Sending changes: %1 of %2</source>
        <extracomment>each state&apos;s icon and tone (ui/theme.py): the icon and the words say it, the colour only helps</extracomment>
        <translation>正在发送修改：%1 / %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Receiving: page %1, %2 records</source>
        <translation>正在接收：第 %1 页，%2 条记录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Checking…</source>
        <translation>正在核对…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send your changes and receive the server&apos;s (F9)</source>
        <translation>发送你的修改并接收服务器的修改（F9）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop this sync (Shift+F9). What has arrived so far is kept; the next sync goes on from there.</source>
        <translation>停止本次同步（Shift+F9）。已收到的内容都会保留；下次同步从这里继续。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign in again…</source>
        <translation>重新登录…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in…</source>
        <translation>登录…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1 conflict to review</source>
        <translation>1 个冲突待处理</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 conflicts to review</source>
        <translation>%1 个冲突待处理</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 refused change</source>
        <translation>1 条修改被拒绝</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 refused changes</source>
        <translation>%1 条修改被拒绝</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>1 change waiting</source>
        <translation>1 条修改待发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 changes waiting</source>
        <translation>%1 条修改待发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>all changes sent</source>
        <translation>所有修改已发送</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>last sync %1</source>
        <translation>上次同步 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>never synced</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in to a sync server to share your work.</source>
        <translation>登录同步服务器以共享你的工作。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign-in expired · %1</source>
        <translation>登录已过期 · %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server asks you to sign in again. Your changes are kept.</source>
        <translation>服务器要求重新登录。你的修改已保留。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Syncing with %1</source>
        <translation>正在与 %1 同步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offline · %1</source>
        <translation>离线 · %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 cannot be reached. Your changes are kept and will be sent when the server answers again (checked every 30 seconds).</source>
        <translation>无法连接 %1。你的修改已保留，服务器恢复响应后会自动发送（每 30 秒检查一次）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sync failed · %1</source>
        <translation>同步失败 · %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Update required · %1</source>
        <translation>需要更新 · %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Online · %1 · %2</source>
        <translation>在线 · %1 · %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Demo server · %1 · %2</source>
        <translation>演示服务器 · %1 · %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed in to %1 as %2</source>
        <translation>已以 %2 身份登录 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>preparing search %1%</source>
        <translation>正在建立搜索索引 %1%</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records received in the first sync are being indexed for search (%1 of %2). Everything is already on this laptop; search finds more as this goes on.</source>
        <translation>首次同步收到的记录正在建立搜索索引（%1 / %2）。所有数据已在本机；索引完成得越多，搜索找到的越全。</translation>
    </message>
</context>
<context>
    <name>TryDemo</name>
    <message>
        <location filename="../../../ui/sync/try_demo.py" line="+28"/>
        <source>Try the demo (local server)</source>
        <translation>体验演示（本机服务器）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start a sync server on this computer with a demo organisation, sign in as a channel manager and receive the portfolio, as in the field.</source>
        <translation>在本机启动一个带演示机构的同步服务器，以渠道经理身份登录并接收渠道组合，就像在一线使用一样。</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+53"/>
        <source>Try the demo</source>
        <translation>体验演示</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Preparing the demo organisation and starting the local server (the first time takes about ten seconds)…</source>
        <translation>正在准备演示机构并启动本机服务器（首次约需十秒）…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Step %1 of %2: %3</source>
        <translation>第 %1 步（共 %2 步）：%3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Signing in as a demo channel manager at %1…</source>
        <translation>正在以演示渠道经理身份登录 %1…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Receiving the demo portfolio for %1…</source>
        <translation>正在为 %1 接收演示渠道组合…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Receiving the demo portfolio: %1 records…</source>
        <translation>正在接收演示渠道组合：%1 条记录…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Demo ready: %1 records received from the local demo server.</source>
        <translation>演示已就绪：已从本机演示服务器接收 %1 条记录。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The demo server could not be started.</source>
        <translation>无法启动演示服务器。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The demo sign-in failed.</source>
        <translation>演示登录失败。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The demo data could not be received.</source>
        <translation>无法接收演示数据。</translation>
    </message>
</context>
<context>
    <name>WipedNotice</name>
    <message>
        <location filename="../../../ui/sync/wiped_notice.py" line="+12"/>
        <source>This computer was reported lost</source>
        <translation>这台计算机已被报告丢失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Head office reported this computer lost. ChannelKeeper sent the changes it still could, then erased this profile&apos;s partners, notes and sign-in from this computer (%1).</source>
        <translation>总部已将这台计算机报告为丢失。渠道管家已发送仍能发送的更改，随后从这台计算机上清除了此配置文件的渠道商、记录和登录信息（%1）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Erasing…</source>
        <translation>正在清除…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The data is erased.</source>
        <translation>数据已清除。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Some files could not be removed: see the log, and delete the profile folder.</source>
        <translation>有些文件未能删除：请查看日志，并删除配置文件文件夹。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Head office has been told.</source>
        <translation>已通知总部。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Head office could not be told; it still shows the wipe as requested.</source>
        <translation>未能通知总部；服务器上仍显示为“已请求清除”。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in again on a laptop you use to get your partners back.</source>
        <translation>请在您使用的笔记本上重新登录以取回您的渠道商。</translation>
    </message>
</context>
</TS>
