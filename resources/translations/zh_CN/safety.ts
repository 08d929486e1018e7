<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Damage</name>
    <message>
        <location filename="../../../ui/safety/damage_dialog.py" line="+21"/>
        <source>Your data is damaged</source>
        <translation>你的数据已损坏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The check of your data found damage in the database file (a disk fault, or a crash while it was written). ChannelKeeper no longer writes to it, so nothing gets worse: edits made now cannot be saved and sync is stopped.

First save the changes not yet sent to head office, then restore the newest good backup. What was synced comes back at the next sync.</source>
        <translation>检查发现数据库文件已损坏（磁盘故障，或写入时崩溃）。渠道管家不再向它写入，以免情况变坏：现在的修改无法保存，同步已停止。

请先保存尚未发送到总部的修改，再恢复最新的完好备份。已同步的数据会在下次同步时取回。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save unsent changes…</source>
        <translation>保存未发送的修改…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restore newest good backup</source>
        <translation>恢复最新的完好备份</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>There is no good backup. After saving the unsent changes, start a new profile and sign in: what was synced comes back from the server.</source>
        <translation>没有完好的备份。保存未发送的修改后，请新建档案并登录：已同步的数据会从服务器取回。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%n unsent change(s) saved to %1</source>
        <translation>已将 %n 条未发送的修改保存到 %1</translation>
    </message>
</context>
<context>
    <name>StartOver</name>
    <message>
        <location filename="../../../ui/safety/start_over_dialog.py" line="+44"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the key in the system keyring</source>
        <translation>系统密钥环中的密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Without %1 or the recovery key, nobody can read the data in this profile: not you, not your company, not us.</source>
        <translation>没有%1或恢复密钥，任何人都无法读取此档案中的数据：你不能，贵公司不能，我们也不能。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Starting over moves the locked data, unchanged, into the folder %1 inside your profile (with its %2 backups). Nothing is deleted. A new, empty, encrypted profile takes its place, with a new recovery key to write down.</source>
        <translation>重新开始会把被锁定的数据原样移到档案内的文件夹 %1 中（连同它的 %2 个备份），不会删除任何内容。取而代之的是一个新的、空的加密档案，并附有一个需要记下的新恢复密钥。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Then sign in: everything that was synced to the server comes back.</source>
        <translation>然后登录：所有已同步到服务器的数据都会回来。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changes made on this computer and never synced stay locked in the old folder. How many there are cannot be told: they are encrypted too. The data was last changed on %1 (newest backup: %2).</source>
        <translation>在这台电脑上做过但从未同步的更改仍锁在旧文件夹中。无法得知有多少条：它们也是加密的。数据最后一次更改于 %1（最新备份：%2）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>If you find the recovery key later, it still opens the old folder (start ChannelKeeper with --profile and that folder), and its unsent changes can be synced then.</source>
        <translation>如果以后找到了恢复密钥，仍可用它打开旧文件夹（用 --profile 加该文件夹启动渠道管家），届时即可同步其中未发送的更改。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Start over without the recovery key?</source>
        <translation>不用恢复密钥，重新开始？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Start over</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>I don&apos;t have it: start over…</source>
        <translation>我没有恢复密钥：重新开始…</translation>
    </message>
</context>
<context>
    <name>Unlock</name>
    <message>
        <location filename="../../../ui/safety/unlock_dialogs.py" line="+37"/>
        <source>Protect your data</source>
        <translation>保护你的数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This computer has no system keyring to keep the key of your encrypted data. Choose a passphrase: ChannelKeeper asks for it at each start. It cannot be recovered if you forget it, but the recovery key shown next can unlock your data too.</source>
        <translation>这台电脑没有系统密钥环来保存加密数据的密钥。请设置一个口令：渠道管家每次启动时都会询问。忘记口令无法找回，但接下来显示的恢复密钥也能解锁你的数据。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Passphrase (at least 8 characters)</source>
        <translation>口令（至少 8 个字符）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The same passphrase again</source>
        <translation>再次输入同一口令</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The passphrase is too short (at least 8 characters).</source>
        <translation>口令太短（至少 8 个字符）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Your recovery key</source>
        <translation>你的恢复密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>if the system keyring loses the key (a reset, a new account)</source>
        <translation>在系统密钥环丢失密钥时（重置或换了账户）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>if you forget your passphrase</source>
        <translation>在你忘记口令时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your data on this computer is encrypted. Write this recovery key down and keep it apart from the laptop: it unlocks your data %1, so that changes not yet synced are not lost. It is shown only now.</source>
        <translation>你在这台电脑上的数据已加密。请抄下这个恢复密钥，并与笔记本电脑分开保管：它可以%1解锁你的数据，使尚未同步的修改不会丢失。它只显示这一次。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Passphrase of this profile:</source>
        <extracomment>what is known of the locked profile, for *Start over* (None: not offered) the person confirmed *Start over* (no recovery key): the caller does it</extracomment>
        <translation>此档案的口令：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>That passphrase is not right. Try again (or Cancel to use the recovery key):</source>
        <translation>口令不正确。请重试（或点“取消”改用恢复密钥）：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unlock your data</source>
        <translation>解锁你的数据</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>That recovery key is not right. Check it and try again:</source>
        <translation>恢复密钥不正确。请核对后重试：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The key of your encrypted data is no longer in the system keyring (it was reset, or this profile comes from another account). Type the recovery key shown when the profile was set up to keep everything, unsent changes included. Without it, start over: what was synced comes back from the server when you sign in.</source>
        <translation>加密数据的密钥已不在系统密钥环中（密钥环被重置，或此档案来自另一个账户）。请输入创建档案时显示的恢复密钥，即可保留全部数据，包括未发送的更改。没有恢复密钥时可重新开始：登录后，已同步的数据会从服务器回来。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Type the recovery key shown when the profile was set up:</source>
        <translation>请输入设置档案时显示的恢复密钥：</translation>
    </message>
    <message>
        <location filename="../../../ui/safety/start_over_dialog.py" line="-14"/>
        <source>Recovery key</source>
        <translation>恢复密钥</translation>
    </message>
</context>
</TS>
