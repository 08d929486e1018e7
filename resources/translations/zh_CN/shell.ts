<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../../ui/about_dialog.py" line="+82"/>
        <source>About ChannelKeeper</source>
        <extracomment>&quot;Tabler Icons 3.51.0 (...)&quot;: written by scripts/vendor_icons.py what the app is made of, as installed distributions (name shown, distribution)</extracomment>
        <translation>关于渠道管家</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Version {0}</source>
        <translation>版本 {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An offline-first workspace for field channel managers.</source>
        <translation>面向一线渠道经理的离线优先工作台。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Components and licences</source>
        <translation>组件与许可证</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Qt and PySide6 are used under the GNU LGPL v3: you may replace the Qt libraries in the app&apos;s folder with your own build. The font&apos;s licence text is in {0}.</source>
        <translation>Qt 与 PySide6 按 GNU LGPL v3 使用：您可以用自己编译的版本替换程序文件夹中的 Qt 库。字体的许可证全文见 {0}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The icons are Tabler Icons (tabler.io), used under the MIT licence:</source>
        <translation>图标来自 Tabler Icons（tabler.io），依 MIT 许可证使用：</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../../desktop/app.py" line="+144"/>
        <source>ChannelKeeper is already open</source>
        <extracomment>fonts that carry Simplified Chinese, best first; the platform default may not</extracomment>
        <translation>渠道管家已在运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This profile is already open in another ChannelKeeper window. Switch to that window, or close it and try again.</source>
        <translation>此档案已在另一个渠道管家窗口中打开。请切换到该窗口，或将其关闭后重试。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Newer database</source>
        <translation>数据库版本较新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This profile was saved by a newer version of ChannelKeeper. Update ChannelKeeper to open it. The file was not changed.</source>
        <translation>此档案由更新版本的渠道管家保存。请升级渠道管家后再打开。文件未做任何改动。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Profile locked</source>
        <translation>档案已锁定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The profile&apos;s encrypted data could not be unlocked. Nothing was changed.</source>
        <translation>无法解锁档案的加密数据。没有做任何更改。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Database cannot be opened</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The profile&apos;s database file is damaged or is not a ChannelKeeper database. It was left untouched; restore a backup or choose another profile with --profile.</source>
        <translation>档案的数据库文件已损坏，或不是渠道管家的数据库。文件未做任何改动；请恢复备份，或用 --profile 选择其他档案。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ChannelKeeper cannot start</source>
        <translation>渠道管家无法启动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The profile could not be opened.</source>
        <translation>无法打开此档案。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Encrypting your data…
A backup copy is made first. A large profile takes a little while.</source>
        <translation>正在加密你的数据…
会先做一份备份。数据较多时需要一点时间。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Updating your data for this version of ChannelKeeper…
A backup copy is made first. A large profile takes a little while.</source>
        <translation>正在为此版本的渠道管家更新你的数据…
会先做一份备份。数据量大时需要稍等片刻。</translation>
    </message>
</context>
<context>
    <name>AppCommand</name>
    <message>
        <location filename="../../../desktop/commands/app.py" line="+14"/>
        <source>start the desktop app (the default)</source>
        <translation>启动桌面应用（默认）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>do not offer demo data on an empty profile</source>
        <translation>档案为空时不提示加载演示数据</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>No graphical display found (DISPLAY and WAYLAND_DISPLAY are not set). Start ChannelKeeper from a desktop session, or on a server run it under xvfb-run -a. The command-line commands (see --help) need no display.</source>
        <extracomment>bench/bench_bundle.py sets it: the app prints &quot;ready &lt;epoch seconds&gt;&quot; once its window is usable, then quits, so a start can be timed from outside the process (the bundle runs no code but its own)</extracomment>
        <translation>未找到图形显示（DISPLAY 和 WAYLAND_DISPLAY 均未设置）。请在桌面会话中启动渠道管家；在服务器上可用 xvfb-run -a 运行。命令行命令（见 --help）无需显示。</translation>
    </message>
</context>
<context>
    <name>CalendarCommand</name>
    <message>
        <location filename="../../../desktop/commands/calendar_cmds.py" line="+22"/>
        <source>{value!r} is not a date (expected YYYY-MM-DD)</source>
        <translation>{value!r} 不是日期（应为 YYYY-MM-DD）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>write planned visits to an .ics file</source>
        <translation>将计划的拜访写入 .ics 日历文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the planned visits from --from to --to (inclusive) as an iCalendar file that Outlook, DingTalk and WeCom calendars import: the partner&apos;s address as location, the agenda as description. Each visit keeps its UID, so importing a later export updates the visits instead of adding them again. Exit codes: 0 written, 2 bad input.</source>
        <translation>将 --from 至 --to（含）期间计划的拜访写成 iCalendar 文件，可导入 Outlook、钉钉和企业微信日历：渠道商地址作为地点，议程作为说明。每次拜访的 UID 保持不变，因此导入之后的导出会更新这些拜访，而不会重复添加。退出码：0 已写入，2 输入有误。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>first day (YYYY-MM-DD)</source>
        <translation>第一天（YYYY-MM-DD）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>last day (YYYY-MM-DD)</source>
        <translation>最后一天（YYYY-MM-DD）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the file to write</source>
        <translation>要写入的文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>language of the events&apos; titles (default: zh_CN)</source>
        <translation>日程标题的语言（默认：zh_CN）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>error: --to is before --from</source>
        <translation>错误：--to 早于 --from</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>error: the folder {folder} does not exist</source>
        <translation>错误：文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>error: could not write {file}: {reason}</source>
        <translation>错误：无法写入 {file}：{reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{n} planned visits written to {file}</source>
        <translation>已将 {n} 次计划的拜访写入 {file}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>list what would be reminded</source>
        <translation>列出将要提醒的事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List what the app would remind of on a day: response deadlines reached, partner-owned items to chase, visits due, agreements up for renewal, contacts&apos; birthdays and work anniversaries, and the festivals stored on contacts. The kinds turned off in Settings are left out. Exit codes: 0 listed, 2 bad input.</source>
        <translation>列出某一天应用会提醒的事项：已到期的响应时限、需要催办的渠道方事项、待拜访、即将续约的协议、联系人的生日和入职周年，以及联系人记录的节日。设置中关闭的类别不列出。退出码：0 已列出，2 输入有误。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the day (default: today)</source>
        <translation>日期（默认：今天）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>days ahead to look (default: 7)</source>
        <translation>向后查看的天数（默认：7）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Response deadlines</source>
        <translation>响应时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partner-owned items to chase</source>
        <translation>需要催办的渠道方事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visits due</source>
        <translation>待拜访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agreements up for renewal</source>
        <translation>即将续约的协议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birthdays</source>
        <translation>生日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work anniversaries</source>
        <translation>入职周年</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Festivals</source>
        <translation>节日</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>error: --days must be between 0 and 366</source>
        <translation>错误：--days 必须在 0 到 366 之间</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{festival}: {n} contacts</source>
        <translation>{festival}：{n} 位联系人</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>… and {n} more</source>
        <translation>…… 另有 {n} 项</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(notifications snoozed until {day})</source>
        <translation>（通知已暂停至 {day}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing to remind of.</source>
        <translation>没有需要提醒的事项。</translation>
    </message>
</context>
<context>
    <name>CalendarSettingsBox</name>
    <message>
        <location filename="../../../ui/calendar_settings.py" line="+61"/>
        <source>Snoozed until %1.</source>
        <extracomment>snooze choices, in days (0: not snoozed)</extracomment>
        <translation>已暂停至 %1。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Calendar and reminders</source>
        <translation>日历与提醒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Visits a day when suggesting a week</source>
        <translation>建议一周安排时每天的拜访数(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remind me of:</source>
        <translation>提醒我：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Response deadlines reached</source>
        <translation>已到期的响应时限(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partner-owned items to c&amp;hase</source>
        <translation>需要催办的渠道方事项(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visits &amp;due</source>
        <translation>待拜访(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agreements up for rene&amp;wal</source>
        <translation>即将续约的协议(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts&apos; &amp;birthdays</source>
        <translation>联系人生日(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work anni&amp;versaries</source>
        <translation>入职周年(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Festivals stored on contacts (春节, 中秋…)</source>
        <translation>联系人记录的节日（春节、中秋…）(&amp;F)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>S&amp;nooze notifications</source>
        <translation>暂停通知(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not snoozed</source>
        <translation>不暂停</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>For today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For 3 days</source>
        <translation>3 天</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>For a week</source>
        <translation>一周</translation>
    </message>
</context>
<context>
    <name>CalendarView</name>
    <message>
        <location filename="../../../ui/calendar_day_list.py" line="+97"/>
        <source>overdue: never visited</source>
        <translation>已逾期：从未拜访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>overdue since %1: never visited</source>
        <translation>自 %1 起逾期：从未拜访</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>overdue since %1 (last visit %2)</source>
        <translation>自 %1 起逾期（上次拜访 %2）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>first visit: the cadence counts from the partner&apos;s creation</source>
        <translation>首次拜访：拜访周期从渠道商建档之日算起</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the cadence since the last visit (%1) runs out</source>
        <translation>距上次拜访（%1）的拜访周期到期</translation>
    </message>
    <message>
        <location filename="../../../ui/calendar_view.py" line="+215"/>
        <source>Could not load the calendar: %1</source>
        <extracomment>a pause on a day before its full list is read</extracomment>
        <translation>无法加载日历：%1</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>public holiday: %1</source>
        <translation>法定节假日：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>make-up working day (调休) for %1</source>
        <translation>调休上班日（%1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>weekend</source>
        <translation>周末</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(holidays not yet published for this year)</source>
        <translation>（该年度的放假安排尚未公布）</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Plan a visit on %1: which partner?</source>
        <translation>计划 %1 的拜访：拜访哪个渠道商？</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Note: %1 is not a working day.</source>
        <translation>注意：%1 不是工作日。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Visit planned on %1.</source>
        <translation>已计划于 %1 拜访。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Visit moved to %1.</source>
        <translation>拜访已改到 %1。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Nothing to suggest for the coming week: no partner is due, or every day is full.</source>
        <translation>下周没有可建议的拜访：没有待拜访的渠道商，或每天都已排满。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Export planned visits</source>
        <translation>导出计划的拜访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendar files (*.ics)</source>
        <translation>日历文件 (*.ics)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 planned visits written to %2.</source>
        <translation>已将 %1 次计划的拜访写入 %2。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>MMMM yyyy</source>
        <translation>yyyy年M月</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Week of %1</source>
        <translation>%1 所在周</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>◀ Previous (PgUp)</source>
        <translation>◀ 上一页 (PgUp)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today (T)</source>
        <translation>今天 (T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next (PgDn) ▶</source>
        <translation>下一页 (PgDn) ▶</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Week (W) / Month (M)</source>
        <translation>周 (W) / 月 (M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan a visit… (N)</source>
        <translation>计划拜访… (N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggest a week… (S)</source>
        <translation>建议一周安排… (S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export .ics… (E)</source>
        <translation>导出 .ics… (E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>planned</source>
        <translation>计划中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>held</source>
        <translation>已举行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 due</source>
        <translation>%1 家待拜访</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>+%1 more</source>
        <translation>还有 %1 项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>work day</source>
        <translation>班</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>holiday</source>
        <translation>休</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Holidays and make-up working days (调休) are known for %1–%2; beyond those years only weekends are marked.</source>
        <translation>已收录 %1–%2 年的法定节假日与调休上班日；其他年份只标出周末。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter: open · Ctrl+Enter: start the meeting · P: plan this partner on this day · Ctrl+←/→: move a planned visit · Ctrl+P: review pack · Ctrl+E: export to .ics · drag a row onto a day</source>
        <translation>回车：打开 · Ctrl+回车：开始会议 · P：计划当天拜访该渠道商 · Ctrl+←/→：移动计划的拜访 · Ctrl+P：复盘资料 · Ctrl+E：导出为 .ics · 可将条目拖到某一天</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing on this day</source>
        <translation>这一天没有安排</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The calendar shows your planned and held visits and the partners whose visit falls due. Plan a visit on this day, or let ChannelKeeper suggest the coming week from what is due.</source>
        <translation>日历显示已计划和已进行的拜访，以及到期该拜访的伙伴。在这一天计划一次拜访，或让 ChannelKeeper 根据到期情况为下周给出建议。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Plan a visit…</source>
        <translation>计划拜访…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggest a week…</source>
        <translation>建议一周安排…</translation>
    </message>
</context>
<context>
    <name>DayItemsModel</name>
    <message>
        <location filename="../../../ui/calendar_day_list.py" line="-44"/>
        <source>%1  %2 · %3 · %4 (%5)</source>
        <translation>%1  %2 · %3 · %4（%5）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Due: %1 (%2) — %3</source>
        <translation>待拜访：%1（%2）— %3</translation>
    </message>
</context>
<context>
    <name>DemoDataCommand</name>
    <message>
        <location filename="../../../desktop/commands/demo.py" line="+34"/>
        <source>fill the profile with demo partners, meetings and action items</source>
        <translation>用演示渠道商、会议和行动项填充档案</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fill the profile with a realistic demo portfolio. Refuses a profile that already has partners unless --force is given.</source>
        <translation>用一套逼真的演示渠道组合填充档案。档案中已有渠道商时拒绝执行，除非指定 --force。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>partners (default 60)</source>
        <translation>渠道商数量（默认 60）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>meetings (default 600)</source>
        <translation>会议数量（默认 600）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>action items (default 600)</source>
        <translation>行动项数量（默认 600）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>random seed: the same seed makes the same data (default 1)</source>
        <translation>随机种子：相同的种子生成相同的数据（默认 1）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the date the demo is built around (default: today)</source>
        <translation>演示数据围绕的日期（默认：今天）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>add demo data even if the profile already has partners</source>
        <translation>即使档案中已有渠道商，也添加演示数据</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>do not report progress</source>
        <translation>不显示进度</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>must be at least 1</source>
        <translation>至少为 1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>must not be negative</source>
        <translation>不能为负数</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The profile {path} already has {n} partners; demo data was not added. Use --force to add it anyway, or --profile to choose an empty folder.</source>
        <translation>档案 {path} 中已有 {n} 个渠道商，未添加演示数据。如仍要添加，请使用 --force；或用 --profile 选择一个空文件夹。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Demo data added to {path} in {seconds:.1f} s:</source>
        <translation>已向 {path} 添加演示数据，用时 {seconds:.1f} 秒：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>partners</source>
        <translation>渠道商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>meetings</source>
        <translation>会议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>action items</source>
        <translation>行动项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>checklist runs</source>
        <translation>复盘记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KPI snapshots</source>
        <translation>KPI 快照</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stage changes</source>
        <translation>阶段变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>touchpoints</source>
        <translation>往来记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>joint goals</source>
        <translation>联合目标</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Generating demo data… {pct}% ({done}/{total})</source>
        <translation>正在生成演示数据…… {pct}%（{done}/{total}）</translation>
    </message>
    <message>
        <location filename="../../../desktop/commands/demo_remove.py" line="+25"/>
        <source>remove the demo data from the profile instead (says what goes, and asks)</source>
        <translation>改为从配置文件中移除演示数据（先说明会移除什么，并征求确认）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>with --remove: first write your own records (typed or edited by you) to this JSON file</source>
        <translation>与 --remove 一起使用：先把您自己的记录（您输入或修改过的）写入此 JSON 文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>with --remove: let your own records on demo partners go without a copy</source>
        <translation>与 --remove 一起使用：不保留副本，直接移除您在演示渠道商上的记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>with --remove: do not ask for confirmation</source>
        <translation>与 --remove 一起使用：不再征求确认</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing was removed.</source>
        <translation>没有移除任何内容。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>This profile holds no demo data; nothing to remove.</source>
        <translation>此配置文件没有演示数据，无需移除。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Give --export FILE to keep a copy of your own records first, or --discard-own to let them go.</source>
        <translation>请用 --export FILE 先保留您自己记录的副本，或用 --discard-own 放弃它们。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not confirmed (give --yes when there is no terminal to ask on).</source>
        <translation>未确认（没有可以询问的终端时，请加 --yes）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} of your records written to {path}</source>
        <translation>已将您的 {n} 条记录写入 {path}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Demo data removed: {what}. This profile can now sign in to any server.</source>
        <translation>已移除演示数据：{what}。此配置文件现在可以登录任何服务器。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Remove the demo data? [y/N] </source>
        <translation>移除演示数据吗？[y/N] </translation>
    </message>
</context>
<context>
    <name>DemoLoader</name>
    <message>
        <location filename="../../../ui/demo_offer.py" line="+106"/>
        <source>Loading demo data</source>
        <translation>正在加载演示数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creating partners, meetings and action items…</source>
        <translation>正在创建渠道商、会议和行动项……</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Demo data loaded: %1 partners.</source>
        <translation>演示数据已加载：%1 个渠道商。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The demo data could not be created: %1</source>
        <translation>无法创建演示数据：%1</translation>
    </message>
</context>
<context>
    <name>DemoOfferDialog</name>
    <message>
        <location line="-66"/>
        <source>Welcome to ChannelKeeper</source>
        <translation>欢迎使用渠道管家</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This profile has no partners yet.

Load a demo portfolio (%1 partners with contacts, meetings, action items, reviews and KPIs) to look around, or start empty and add your own partners.</source>
        <translation>此档案中还没有渠道商。

可以加载一套演示数据（%1 个渠道商，含联系人、会议、行动项、复盘和 KPI）先熟悉一下，也可以从空白开始，添加自己的渠道商。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Load demo data</source>
        <translation>加载演示数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start empty</source>
        <translation>从空白开始</translation>
    </message>
</context>
<context>
    <name>DemoWords</name>
    <message>
        <location filename="../../../desktop/demo_words.py" line="+13"/>
        <source>{n} partners</source>
        <translation>{n} 个渠道商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} contacts</source>
        <translation>{n} 位联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} meetings</source>
        <translation>{n} 次会议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} action items</source>
        <translation>{n} 个行动项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} reviews</source>
        <translation>{n} 次复盘</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} KPI records</source>
        <translation>{n} 条 KPI 记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} joint goals</source>
        <translation>{n} 个联合目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} stage changes</source>
        <translation>{n} 条阶段变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} touchpoints</source>
        <translation>{n} 条往来记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no records</source>
        <translation>没有记录</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>none of them typed or edited by you</source>
        <translation>其中没有您输入或修改过的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} of them typed or edited by you ({what})</source>
        <translation>其中 {n} 条是您输入或修改过的（{what}）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This profile holds demo data: {demo}; {own}. Demo data can only be synced with the demo server, so it was not sent to {server}.
Choose one:
  • start a new empty profile for {server} (a new folder: --profile NEW_FOLDER, or “New empty profile” in the app), or
  • remove the demo data from this profile first (main.py demo-data --remove, or “Remove demo data” in the app); your own records are kept or exported first.</source>
        <translation>此配置文件含有演示数据：{demo}；{own}。演示数据只能与演示服务器同步，因此没有发送到 {server}。
请选择：
  • 为 {server} 新建一个空的配置文件（新文件夹：--profile NEW_FOLDER，或在应用中选“新建空配置文件”），或
  • 先从此配置文件中移除演示数据（main.py demo-data --remove，或在应用中选“移除演示数据”）；您自己的记录会先保留或导出。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Removing the demo data takes out {demo}.</source>
        <translation>移除演示数据将删除 {demo}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kept as your own, to be sent to the next server: {what}.</source>
        <translation>作为您自己的记录保留，并发送到下一个服务器：{what}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} of your own records go with it (notes on demo partners, edits of demo records: {what}); export them first to keep a copy.</source>
        <translation>您自己的 {n} 条记录也会一起删除（演示渠道商上的记录、对演示记录的修改：{what}）；请先导出以保留副本。</translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <location filename="../../../ui/today_details.py" line="+58"/>
        <source>Details</source>
        <extracomment>the pane never gets narrower than this (its text wraps within it)</extracomment>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select a row to read it in full here; Enter opens it.</source>
        <translation>选中一行即可在此查看完整内容；按 Enter 打开。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+17"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
</context>
<context>
    <name>ExportCommand</name>
    <message>
        <location filename="../../../desktop/commands/export_cmd.py" line="+22"/>
        <source>{value!r} is not a date (expected YYYY-MM-DD)</source>
        <translation>{value!r} 不是日期（应为 YYYY-MM-DD）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>write an Excel workbook (.xlsx)</source>
        <translation>导出 Excel 工作簿（.xlsx）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write an Excel workbook of one kind of record: partners (the partner list), actions (the action items ledger: owner, severity, deadline, status, feedback), reviews (with their scores) or meetings (in a period: --from, --to). Dates and numbers are real Excel dates and numbers; text that starts like a formula stays text. Exit codes: 0 written, 2 bad input.</source>
        <translation>把一类记录导出为 Excel 工作簿：partners（渠道商列表）、actions（任务台账：负责人、紧急程度、响应时限、状态、反馈）、reviews（复盘及得分）或 meetings（某一期间的会议：--from、--to）。日期和数字是真正的 Excel 日期和数字；以公式符号开头的文字仍作为文字保存。退出码：0 已写入，2 输入有误。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>partners, actions, reviews or meetings</source>
        <translation>partners、actions、reviews 或 meetings</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the workbook to write</source>
        <translation>要写入的工作簿</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>meetings from this day</source>
        <translation>从这一天起的会议</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>meetings up to this day</source>
        <translation>到这一天为止的会议</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>language of headers and values (default: zh_CN)</source>
        <translation>表头和取值的语言（默认：zh_CN）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>error: the folder {folder} does not exist</source>
        <translation>错误：文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>error: could not write {file}: {reason}</source>
        <translation>错误：无法写入 {file}：{reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{n} rows written to {file}</source>
        <translation>已将 {n} 行写入 {file}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../../ui/export_dialog.py" line="+50"/>
        <location line="+80"/>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>&amp;Action items ledger (owner, severity, deadline, status, feedback)</source>
        <translation>任务台账（负责人、紧急程度、响应时限、状态、反馈）(&amp;A)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Reviews with their scores</source>
        <translation>复盘及得分(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Meetings from</source>
        <translation>会议，从(&amp;M)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Partners (all)</source>
        <translation>渠道商（全部）(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Partners (the %1 the Partners page shows)</source>
        <translation>渠道商（“渠道商”页当前显示的 %1 家）(&amp;P)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Language of the workbook:</source>
        <translation>工作簿语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One sheet per kind. Dates and numbers stay dates and numbers in Excel; the header row stays in view.</source>
        <translation>每类数据一个工作表。日期和数字在 Excel 中仍是日期和数字；表头行始终可见。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>ChannelKeeper export %1</source>
        <translation>渠道管家导出 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Exported %1 rows to %2.</source>
        <translation>已导出 %1 行到 %2。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，没有写入文件。</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../../ui/help_dialog.py" line="+59"/>
        <source>Command</source>
        <extracomment>the invisible root: the parent of every row in a flat table model</extracomment>
        <translation>命令</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../../ui/labels.py" line="+12"/>
        <source>Core</source>
        <translation>金牌核心渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ordinary</source>
        <translation>普通分销渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Emerging</source>
        <translation>新兴试点渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strategic</source>
        <translation>战略合作渠道</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Intro</source>
        <translation>初识</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Running-in</source>
        <translation>磨合</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mature</source>
        <translation>成熟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Advanced</source>
        <translation>进阶</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Active</source>
        <translation>合作中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paused</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ended</source>
        <translation>已终止</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Regular review</source>
        <translation>定期沟通会</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quarterly review</source>
        <translation>季度复盘会</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+95"/>
        <source>Training</source>
        <translation>培训赋能</translation>
    </message>
    <message>
        <location line="-94"/>
        <source>Joint campaign</source>
        <translation>联合市场活动</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+92"/>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>Ad hoc</source>
        <translation>临时会议</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Planned</source>
        <translation>已计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held</source>
        <translation>已举行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ours</source>
        <translation>我方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partner</source>
        <translation>渠道方</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Critical</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In person</source>
        <translation>当面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feedback given</source>
        <translation>已反馈</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+21"/>
        <source>On track</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Due</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No contact within cadence</source>
        <translation>超出拜访周期未联系</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partner-owned actions overdue</source>
        <translation>渠道方行动项逾期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meetings cancelled</source>
        <translation>会议被取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Targets slipping</source>
        <translation>目标下滑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Slower replies</source>
        <translation>回复变慢</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Proposed</source>
        <translation>已提议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agreed</source>
        <translation>已商定</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At risk</source>
        <translation>有风险</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Achieved</source>
        <translation>已达成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missed</source>
        <translation>未达成</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sales</source>
        <translation>销售额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profit</source>
        <translation>利润</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repurchase rate</source>
        <translation>复购率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active customers</source>
        <translation>活跃客户数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Greeting</source>
        <translation>问候</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gift</source>
        <translation>礼品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../../ui/view_loading.py" line="+107"/>
        <source>Could not load data: %1</source>
        <extracomment>a burst of edits (an import, a sync) costs one reload after it settles how often to notice that the date has changed the partner filter&apos;s index is built this long after the window is ready, before the first keystroke needs it the first load is on screen (or failed) the last load&apos;s cost: &quot;query_ms&quot; in the database lane, &quot;show_ms&quot; putting the rows on screen (the start-up benchmark reports them)</extracomment>
        <translation>无法加载数据：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="+133"/>
        <source>No partner is open: open one from Today, Partners or search (Ctrl+K).</source>
        <translation>尚未打开渠道商：请从“今日”“渠道商”或搜索（Ctrl+K）中打开一个。</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>ChannelKeeper</source>
        <translation>渠道管家</translation>
    </message>
    <message>
        <location filename="../../../ui/main_menus.py" line="+113"/>
        <location line="+27"/>
        <source>Choose the partner first.</source>
        <translation>请先选择渠道商。</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Which partner is the meeting with?</source>
        <translation>这次会议是与哪个渠道商开的？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Which partner is the action item for?</source>
        <translation>这个行动项属于哪个渠道商？</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Whose review pack?</source>
        <translation>要打印哪个渠道商的复盘资料包？</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Select the partners in the table first (Ctrl+A for all shown).</source>
        <translation>请先在表格中选择渠道商（Ctrl+A 选择当前显示的全部）。</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="+29"/>
        <source>Partner %1 created.</source>
        <translation>已创建渠道商 %1。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Select a partner to edit.</source>
        <translation>请选择要编辑的渠道商。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Partner saved.</source>
        <translation>渠道商已保存。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Select a partner to delete.</source>
        <translation>请选择要删除的渠道商。</translation>
    </message>
    <message>
        <location filename="../../../ui/undo_button.py" line="+48"/>
        <source>Undo delete of %1</source>
        <translation>撤销删除 %1</translation>
    </message>
    <message>
        <location filename="../../../ui/operations/partners.py" line="+60"/>
        <source>Partner %1 deleted.</source>
        <translation>已删除渠道商 %1。</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="+15"/>
        <source>Partner %1 restored.</source>
        <translation>已恢复渠道商 %1。</translation>
    </message>
    <message>
        <location filename="../../../ui/main_menus.py" line="+36"/>
        <source>&amp;Search…</source>
        <translation>搜索(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="-209"/>
        <source>&amp;Today</source>
        <translation>今日(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Partners</source>
        <translation>渠道商(&amp;P)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Partner &amp;workspace</source>
        <translation>渠道商工作台(&amp;W)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Calendar</source>
        <translation>日历(&amp;C)</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Overdue: %1 visits, %2 action items</source>
        <translation>已逾期：%1 次拜访，%2 个行动项</translation>
    </message>
    <message>
        <location line="+149"/>
        <source>Demo data goes into an empty profile only; this one has %1 partners.</source>
        <translation>演示数据只能加载到空的配置中；当前配置已有 %1 个渠道商。</translation>
    </message>
    <message>
        <location filename="../../../ui/main_menus.py" line="+1"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New partner…</source>
        <translation>新建渠道商(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit partner…</source>
        <translation>编辑渠道商(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete partner…</source>
        <translation>删除渠道商(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo delete</source>
        <translation>撤销删除(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New &amp;meeting</source>
        <translation>新建会议(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New &amp;action item</source>
        <translation>新建行动项(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Review pack…</source>
        <translation>复盘资料包(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review packs for &amp;selected partners…</source>
        <translation>为所选渠道商生成复盘资料包(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review packs for this &amp;week&apos;s visits…</source>
        <translation>为本周拜访生成复盘资料包(&amp;W)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export to Excel…</source>
        <translation>导出到 Excel(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About ChannelKeeper</source>
        <translation>关于渠道管家(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;minders…</source>
        <translation>提醒(&amp;M)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load &amp;demo data…</source>
        <translation>加载演示数据(&amp;D)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Partner</source>
        <translation>渠道商(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../../ui/main_window.py" line="-245"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Partners</source>
        <translation>渠道商</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Partner workspace</source>
        <translation>渠道商工作台</translation>
    </message>
</context>
<context>
    <name>PageStack</name>
    <message>
        <location filename="../../../ui/pages.py" line="+191"/>
        <source>Pages</source>
        <extracomment>an entry&apos;s badge: (count, tone) (tone of ui.theme.TONES) &quot;go_&lt;name&gt;&quot; is its action&apos;s object name its name in the navigation list, and in the View menu (translated when called) the widget, or a function that builds it when the page is first needed why the page cannot be shown now (&quot;&quot; when it can) its icon (a bundled icon&apos;s name, ui/theme.py)</extracomment>
        <translation>页面</translation>
    </message>
</context>
<context>
    <name>PartnerDialog</name>
    <message>
        <location filename="../../../ui/partner_dialog.py" line="+138"/>
        <source>Edit partner</source>
        <translation>编辑渠道商</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New partner</source>
        <translation>新建渠道商</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Why this stage</source>
        <translation>阶段变更原因(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why the partner moves to this stage</source>
        <translation>渠道进入该阶段的原因</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Chinese name</source>
        <translation>中文名称(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;English name</source>
        <translation>英文名称(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tier</source>
        <translation>渠道分层(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lifecycle stage</source>
        <translation>生命周期阶段(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stat&amp;us</source>
        <translation>合作状态(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pre&amp;ferred language</source>
        <translation>偏好语言(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Region</source>
        <translation>区域(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Address</source>
        <translation>地址(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revenue &amp;share (%)</source>
        <translation>分成比例(&amp;S)（%）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;bate (%)</source>
        <translation>返点(&amp;B)（%）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Incentive scheme</source>
        <translation>激励政策(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jointly agreed &amp;goals</source>
        <translation>联合制定的目标(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Notes</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not set (agendas in the app&apos;s language)</source>
        <translation>未设置（议程使用界面语言）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Agendas generated for this partner&apos;s meetings and its review packs are written in this language</source>
        <translation>为该渠道会议生成的议程及其复盘资料使用此语言</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>e.g. 华东渠道分销商</source>
        <translation>例如：华东渠道分销商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 华东 / East China</source>
        <translation>例如：华东</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Partner not found</source>
        <translation>找不到渠道商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This partner could not be opened: %1</source>
        <translation>无法打开此渠道商：%1</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+13"/>
        <source>Enter a Chinese or an English name.</source>
        <translation>请填写中文名称或英文名称。</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Enter a number, for example 12.5 (or leave it empty).</source>
        <translation>请输入数字，例如 12.5（也可以留空）。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Saving failed: %1</source>
        <translation>保存失败：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Discard changes?</source>
        <translation>放弃修改？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The changes to this partner have not been saved. Discard them?</source>
        <translation>对此渠道商的修改尚未保存。要放弃这些修改吗？</translation>
    </message>
    <message>
        <location filename="../../../ui/operations/partners.py" line="-8"/>
        <source>Delete partner</source>
        <translation>删除渠道商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete %1? Its meetings and action items are kept, and you can undo this right away.</source>
        <translation>删除 %1？其会议和行动项会保留，删除后可立即撤销。</translation>
    </message>
</context>
<context>
    <name>PartnerTableModel</name>
    <message>
        <location filename="../../../ui/partner_table_model.py" line="+59"/>
        <source>Name (Chinese)</source>
        <extracomment>the role carrying a partner&apos;s id (for opening its workspace) the role carrying a raw, sortable value (dates as ISO text, numbers as numbers) the invisible root: the parent of every row in a flat table model visit statuses drawn in their colour (besides their icon and word); on track stays plain</extracomment>
        <translation>中文名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name (English)</source>
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
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last visit</source>
        <translation>上次拜访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days since</source>
        <translation>间隔天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visit status</source>
        <translation>拜访状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open actions</source>
        <translation>未结行动项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning signs</source>
        <translation>预警信号</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>PartnersView</name>
    <message>
        <location filename="../../../ui/partners_view.py" line="+251"/>
        <source>Could not load partners: %1</source>
        <extracomment>entities whose changes alter a partner&apos;s overview row what the filter&apos;s extra texts are read from (models.partner_filter) the page&apos;s widgets, built on first use (see ``PartnersView._build``) the empty page&apos;s &quot;Load demo data…&quot; the text in the filter box changed (typed or set) reload by itself after data changes (the main window turns this off and reloads Partners together with Today)</extracomment>
        <translation>无法加载渠道商：%1</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Partners: %1</source>
        <translation>渠道商：%1 个</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Partners shown: %1 of %2</source>
        <translation>显示 %1 个渠道商，共 %2 个</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Open workspace</source>
        <translation>打开工作台</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>New partner…</source>
        <translation>新建渠道商…</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Edit partner…</source>
        <translation>编辑渠道商…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete partner…</source>
        <translation>删除渠道商…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+7"/>
        <source>Filter partners</source>
        <translation>筛选渠道商</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Filter by name, pinyin, region, contact, terms or goals (Ctrl+F)…</source>
        <translation>按名称、拼音、区域、联系人、条款或目标筛选（Ctrl+F）…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Partners</source>
        <translation>渠道商</translation>
    </message>
    <message>
        <location line="-94"/>
        <source>No partners yet</source>
        <translation>还没有渠道商</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Loading partners…</source>
        <translation>正在加载渠道商…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The partners could not be loaded.</source>
        <translation>渠道商未能加载。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Partners: loading…</source>
        <translation>渠道商：加载中…</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>No partner matches the filter</source>
        <translation>没有符合筛选条件的伙伴</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None of your %1 partners matches what the filter asks for; clear it to see them all.</source>
        <translation>您的 %1 个伙伴中没有符合筛选条件的；清除筛选即可查看全部。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Partners lists every partner you look after, with its tier, stage, last visit and warning signs, to filter and open. Add your first partner, or load the demo data to look around.</source>
        <translation>“渠道商”页列出您负责的每个渠道商及其分层、阶段、上次拜访和预警信号，可筛选并打开。请添加第一个渠道商，或加载演示数据先看看。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add a partner…</source>
        <translation>添加渠道商…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load demo data…</source>
        <translation>加载演示数据…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the filter</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>All tiers</source>
        <translation>全部分层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All stages</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All regions</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any visit status</source>
        <translation>全部拜访状态</translation>
    </message>
</context>
<context>
    <name>Playbook</name>
    <message>
        <location filename="../../../ui/playbook_text.py" line="+14"/>
        <source>Choose the right partner; make the rules and incentives explicit.</source>
        <translation>选对渠道伙伴；明确规则与激励。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Timely feedback, tolerance of mistakes, fast response to problems.</source>
        <translation>及时反馈，包容失误，快速响应问题。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deep information sharing, joint marketing campaigns, data-driven decisions.</source>
        <translation>深度信息共享，联合营销活动，数据驱动决策。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Co-innovation projects, opening more resources, sharing risk.</source>
        <translation>共创项目，开放更多资源，共担风险。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>High revenue share</source>
        <translation>高比例分润</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom service</source>
        <translation>定制化服务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Joint investment</source>
        <translation>联合投资</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Industry-standard incentives, paid automatically</source>
        <translation>行业标准激励，自动发放</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Online training</source>
        <translation>线上培训</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Growth incentives</source>
        <translation>成长激励</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Special support</source>
        <translation>专项扶持</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>We carry part of the trial costs</source>
        <translation>我方承担部分试错成本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Project dividends</source>
        <translation>项目分红</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Industry resources</source>
        <translation>行业资源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shared market risk</source>
        <translation>共担市场风险</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Deep co-creation, dedicated policy</source>
        <translation>深度共创，专属政策</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Standard process, automatic incentives</source>
        <translation>标准流程，自动激励</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flexible trial and error, focused support</source>
        <translation>灵活试错，重点扶持</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Joint innovation, shared resources</source>
        <translation>联合创新，资源共享</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Re-examine our shared interests with the partner</source>
        <translation>与渠道重新审视双方的共同利益</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share more: sales, profit and market feedback both sides can see</source>
        <translation>加强透明：双方都能看到销售、利润和市场反馈</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pair incentives with clear consequences</source>
        <translation>激励与明确的约束并行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offer a solution to the partner&apos;s real problem</source>
        <translation>针对渠道的实际难题提供解决方案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Simplify the processes the partner has to follow</source>
        <translation>简化渠道需要遵循的流程</translation>
    </message>
</context>
<context>
    <name>ReminderButton</name>
    <message>
        <location filename="../../../ui/reminder_notifier.py" line="+154"/>
        <source>Reminders: %1</source>
        <translation>提醒：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(snoozed)</source>
        <translation>（已暂停）</translation>
    </message>
</context>
<context>
    <name>Reminders</name>
    <message>
        <location line="-108"/>
        <source>%1 response deadline(s) reached or near</source>
        <translation>%1 项响应时限已到或将到</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 partner-owned item(s) to chase</source>
        <translation>%1 项渠道方事项需催办</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 visit(s) due</source>
        <translation>%1 家待拜访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 agreement(s) up for renewal</source>
        <translation>%1 份协议即将续约</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 birthday(s)</source>
        <translation>%1 个生日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 work anniversary(-ies)</source>
        <translation>%1 个入职周年</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 festival(s) to greet for</source>
        <translation>%1 个节日需问候</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 on %2</source>
        <translation>%2 %1</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>ChannelKeeper reminders</source>
        <extracomment>a reminder&apos;s partner, asked to be opened from the list</extracomment>
        <translation>渠道管家提醒</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>%1: %2 contact(s) observe it</source>
        <translation>%1：%2 位联系人过此节日</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Response deadline</source>
        <translation>响应时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To chase</source>
        <translation>需催办</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visit due</source>
        <translation>待拜访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agreement ends</source>
        <translation>协议到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work anniversary</source>
        <translation>入职周年</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Festival</source>
        <translation>节日</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reminders</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Turn kinds off or snooze them in Settings (Ctrl+,).</source>
        <translation>可在设置（Ctrl+,）中关闭某类提醒或暂停通知。</translation>
    </message>
</context>
<context>
    <name>SafetyCommands</name>
    <message>
        <location filename="../../../desktop/commands/safety.py" line="+42"/>
        <source>check the profile&apos;s database for damage</source>
        <translation>检查档案数据库是否损坏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read every page of the profile&apos;s database. Exit status 0: healthy; 1: damaged.</source>
        <translation>读取档案数据库的每一页。退出状态 0：完好；1：已损坏。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>also write the unsent changes that can still be read to FILE (JSON)</source>
        <translation>同时把仍可读取的未发送修改写入 FILE（JSON）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>back up the profile&apos;s database (encrypted)</source>
        <translation>备份档案数据库（加密）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>write the backup to FILE instead of the profile&apos;s backups folder</source>
        <translation>把备份写入 FILE，而不是档案的备份文件夹</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>put a backup in place of the profile&apos;s database</source>
        <translation>用备份替换档案数据库</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a backup of this profile</source>
        <translation>此档案的一份备份</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>issue a new recovery key (the old one stops working)</source>
        <translation>生成新的恢复密钥（旧的随即失效）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>without the recovery key: set the locked database aside and start a new, empty profile</source>
        <translation>没有恢复密钥时：把被锁定的数据库移到一旁，开始一个新的空档案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For a profile that can no longer be unlocked (keyring entry and recovery key both lost). Nothing is deleted. Exit status 0: started over; 2: refused, nothing changed.</source>
        <translation>用于无法再解锁的档案（密钥环条目和恢复密钥都已丢失）。不会删除任何内容。退出状态 0：已重新开始；2：被拒绝，未做任何更改。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{n} unsent changes written to {file}.</source>
        <translation>已将 {n} 条未发送的修改写入 {file}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file}: healthy (every page read and checked).</source>
        <translation>{file}：完好（每一页都已读取并检查）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backups: {n}, newest: {newest}.</source>
        <translation>备份：{n} 份，最新：{newest}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: DAMAGED. Nothing was written to it.</source>
        <translation>{file}：已损坏。没有向它写入任何内容。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Newest good backup: {file}
Restore it with: main.py restore --profile {profile} {file}
(export the unsent changes first: main.py check --profile {profile} --export-pending FILE)</source>
        <translation>最新的完好备份：{file}
恢复方法：main.py restore --profile {profile} {file}
（请先导出未发送的修改：main.py check --profile {profile} --export-pending FILE）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No good backup was found. Export the unsent changes (--export-pending FILE), then start a new profile and sync: what was synced comes back from the server.</source>
        <translation>没有找到完好的备份。请导出未发送的修改（--export-pending FILE），然后新建档案并同步：已同步的数据会从服务器取回。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Backup written: {file} (encrypted with this profile&apos;s key).</source>
        <translation>备份已写入：{file}（用此档案的密钥加密）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Restored {backup}. Changes made after it was taken are not in it; those already synced come back at the next sync.</source>
        <translation>已恢复 {backup}。备份之后的修改不在其中；已同步的修改会在下次同步时取回。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file it replaced was kept as {file}.</source>
        <translation>被替换的文件已保留为 {file}。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>New recovery key (write it down and keep it safe; it is shown only now):

    {code}

The previous recovery key no longer unlocks this profile. Backups still open as before.</source>
        <translation>新的恢复密钥（请抄下并妥善保管；只显示这一次）：

    {code}

原来的恢复密钥已不能再解锁此档案。备份仍可照常打开。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>error: {profile} holds no encrypted database: nothing to start over from. Nothing was changed.</source>
        <translation>错误：{profile} 中没有加密数据库，无需重新开始。未做任何更改。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>error: this profile still unlocks (its key is in the system keyring), so nothing is locked away: start-over is not needed. Nothing was changed.</source>
        <translation>错误：此档案仍可解锁（其密钥在系统密钥环中），没有数据被锁住，不需要 start-over。未做任何更改。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The locked database was set aside, unchanged, in {folder} (with its key file and {n} backups). Nothing was deleted.</source>
        <translation>被锁定的数据库已原样移到 {folder}（连同其密钥文件和 {n} 个备份）。没有删除任何内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A new, empty, encrypted profile is ready; its recovery key is printed above: write it down.</source>
        <translation>新的空加密档案已就绪；其恢复密钥显示在上方：请记下来。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign in to bring back everything that was synced:
    main.py login --profile {profile} --server URL --user NAME</source>
        <translation>登录即可取回所有已同步的数据：
    main.py login --profile {profile} --server URL --user NAME</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Changes never synced stay locked in that folder; how many cannot be told without its key. If the old recovery key or passphrase turns up: main.py sync --profile {folder} opens it with that and sends them.</source>
        <translation>从未同步的更改仍锁在该文件夹中；没有其密钥无法得知有多少条。如果找回了旧的恢复密钥或口令：main.py sync --profile {folder} 可用它打开该文件夹并发送这些更改。</translation>
    </message>
</context>
<context>
    <name>SearchCommand</name>
    <message>
        <location filename="../../../desktop/commands/search_cmd.py" line="+18"/>
        <source>find partners, contacts, meetings, action items and reviews</source>
        <translation>查找渠道商、联系人、会议、行动项和复盘</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print what the app&apos;s search finds for QUERY: Chinese words, pinyin or initials of names (jnmd, jinan), phone numbers by their digits. One line per hit: entity, id, title, snippet (the match in [brackets]), tab-separated. Exit codes: 0 found, 1 nothing found, 2 bad input.</source>
        <translation>打印应用搜索对 QUERY 的结果：中文词语、名称的拼音或首字母（jnmd、jinan）、按数字查找的电话号码。每条结果一行：类型、编号、标题、摘要（匹配处在 [方括号] 中），以制表符分隔。退出码：0 找到，1 未找到，2 输入有误。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>most hits printed (default: 50)</source>
        <translation>最多打印的结果数（默认：50）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>hits skipped first (the next page)</source>
        <translation>先跳过的结果数（下一页）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>error: --limit must be at least 1 and --offset not negative</source>
        <translation>错误：--limit 至少为 1，--offset 不能为负数</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>… more: --offset {n}</source>
        <translation>…… 还有更多：--offset {n}</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <location filename="../../../ui/search_dialog.py" line="+117"/>
        <location line="+47"/>
        <source>Partner</source>
        <extracomment>the invisible root: the parent of every row in a flat table model a search result: the hit, its partner&apos;s name and the snippet that matched the role carrying a row&apos;s snippet as HTML, the match highlighted</extracomment>
        <translation>渠道商</translation>
    </message>
    <message>
        <location line="-46"/>
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
        <location line="+40"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Found</source>
        <translation>匹配内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where it matched</source>
        <translation>匹配内容</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>Search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Nothing found</source>
        <translation>未找到结果</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Find a partner or a record</source>
        <translation>查找伙伴或记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try fewer characters, the pinyin initials of a name (jnmd for 江南明德), or a few digits of a phone number.</source>
        <translation>试试少输入几个字、名称的拼音首字母（如 jnmd 对应江南明德），或电话号码中的几位数字。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search looks through partners, contacts, meetings, action items and reviews: Chinese or English names, pinyin and its initials, places, phone numbers and words from the notes.</source>
        <translation>搜索范围包括伙伴、联系人、会议、行动项和评估：中英文名称、拼音及其首字母、地区、电话号码以及笔记中的文字。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clear the search</source>
        <translation>清除搜索</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type a name, a place or a word from the notes.</source>
        <translation>输入名称、地点或纪要中的词语。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing found.</source>
        <translation>没有找到结果。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The first %1 results; there are more. Enter opens the partner.</source>
        <translation>前 %1 条结果；还有更多。按 Enter 打开渠道商。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Results: %1. Enter opens the partner.</source>
        <translation>共 %1 条结果。按回车键打开渠道商。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search is still being prepared for the records of the first sync: some may be missing for a little while.</source>
        <translation>首次同步的记录仍在建立搜索索引：短时间内部分结果可能缺失。</translation>
    </message>
    <message>
        <location line="+40"/>
        <location line="+5"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Search partners, contacts, meetings, action items, reviews… (e.g. 华东, jnmd, a phone number)</source>
        <translation>搜索渠道商、联系人、会议、行动项、复盘……（例如：华东、jnmd、电话号码）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;More results</source>
        <translation>更多结果(&amp;M)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
</context>
<context>
    <name>SelfTestCommand</name>
    <message>
        <location filename="../../../desktop/commands/self_test.py" line="+32"/>
        <source>check this installation on a new profile (opens a window)</source>
        <extracomment>the demo&apos;s first sync seeds and moves a year of records: minutes on a slow laptop</extracomment>
        <translation>在新的配置文件夹上检查本次安装（会打开窗口）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>where to leave the pack and the screenshot (default: a new temporary folder)</source>
        <translation>复盘资料和截图的保存位置（默认：新建的临时文件夹）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>error: the self-test needs a new, empty profile (give --profile a new folder)</source>
        <translation>错误：自检需要一个新的空配置文件夹（请用 --profile 指定新文件夹）</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../../ui/settings_dialog.py" line="+142"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>A&amp;ppearance</source>
        <translation>外观(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Text size</source>
        <translation>文字大小(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow the system (%1 pt)</source>
        <translation>跟随系统（%1 磅）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> pt</source>
        <translation> 磅</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your &amp;name</source>
        <translation>您的姓名(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printed on review packs</source>
        <translation>打印在复盘资料包上</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visit cadence (days between visits)</source>
        <translation>拜访周期（两次拜访间隔天数）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset to the recommended cadence</source>
        <translation>恢复为推荐周期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company logo on review packs</source>
        <translation>复盘资料上的公司标志</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No logo</source>
        <translation>不使用标志</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Company logo</source>
        <translation>公司标志</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images (*.png *.jpg *.jpeg *.svg *.bmp *.gif)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.svg *.bmp *.gif)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This file does not exist.</source>
        <translation>该文件不存在。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a PNG, JPEG, SVG, BMP or GIF image.</source>
        <translation>请选择 PNG、JPEG、SVG、BMP 或 GIF 图片。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Visit cadence updated.</source>
        <translation>拜访周期已更新。</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../../ui/help_dialog.py" line="+15"/>
        <location line="+8"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
</context>
<context>
    <name>SuggestWeekDialog</name>
    <message>
        <location filename="../../../ui/suggest_week_dialog.py" line="+155"/>
        <source>Suggest a week</source>
        <translation>建议一周安排</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proposed visits</source>
        <translation>建议的拜访</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Visits proposed for %1 – %2 from what is due: core and strategic partners first, each region kept together, up to the day&apos;s limit set in Settings. Move or drop any, then plan them.</source>
        <translation>根据待拜访情况建议 %1 – %2 的拜访：核心与战略渠道优先，同一区域尽量排在一起，每天不超过设置中的上限。可移动或删除任意一项，然后确认计划。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ctrl+←/→: move a day · Delete: drop · Ctrl+Enter: plan them all</source>
        <translation>Ctrl+←/→：移动一天 · Delete：删除 · Ctrl+回车：全部计划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plan the visits (%1)</source>
        <translation>计划这些拜访（%1）</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Visits planned: %1.</source>
        <translation>已计划拜访：%1 次。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing was planned: %1</source>
        <translation>未计划任何拜访：%1</translation>
    </message>
</context>
<context>
    <name>SuggestionModel</name>
    <message>
        <location line="-119"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Partner</source>
        <translation>渠道商</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tier</source>
        <translation>渠道分层</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>(not a working day)</source>
        <translation>（非工作日）</translation>
    </message>
</context>
<context>
    <name>TodaySection</name>
    <message>
        <location filename="../../../ui/today_sections.py" line="+272"/>
        <source>This list could not be loaded.</source>
        <extracomment>the invisible root: the parent of every row in a flat table model the stretching column (the one with the reason) never gets narrower than this ... nor than this share of the list&apos;s width (the others give way first) of those, how many of the widest-looking texts per column are measured turns the value into something Qt can compare (default: the value itself) this column takes the width the others leave (the long text: a title, the warning signs); it elides, with the full text in its tool tip and the details the &quot;Show all&quot; link under a capped list the current row changed (the details pane follows it) how many rows there are in all (the list may show only the first of them) the user asked for every row: later loads keep showing all &quot;loading&quot; until rows first arrive (&quot;loaded&quot;), or &quot;failed&quot;: until then the list says so, never that nothing is due the width each column&apos;s text needs (from the last fit_columns) the narrowest each column may get (its header&apos;s words) the rows or the words changed while the list was hidden: fitted when shown the width the columns share (the view&apos;s viewport&apos;s)</extracomment>
        <translation>此列表未能加载。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Showing the first %1 of %2. &lt;a href=&quot;all&quot;&gt;Show all&lt;/a&gt;</source>
        <translation>显示前 %1 条（共 %2 条）。&lt;a href=&quot;all&quot;&gt;显示全部&lt;/a&gt;</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <location filename="../../../ui/today_method.py" line="+68"/>
        <source>Goal</source>
        <extracomment>the changes that may move which goals are at risk</extracomment>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Progress</source>
        <translation>进展</translation>
    </message>
    <message>
        <location filename="../../../ui/today_builtin.py" line="+37"/>
        <location line="+32"/>
        <location line="+18"/>
        <location line="+26"/>
        <location line="+15"/>
        <location filename="../../../ui/today_method.py" line="+4"/>
        <location line="+6"/>
        <source>Partner</source>
        <translation>渠道商</translation>
    </message>
    <message>
        <location filename="../../../ui/today_method.py" line="-3"/>
        <source>Agreement ends</source>
        <translation>协议到期</translation>
    </message>
    <message>
        <location filename="../../../ui/today_builtin.py" line="-89"/>
        <location line="+49"/>
        <location line="+42"/>
        <location filename="../../../ui/today_method.py" line="+5"/>
        <source>Tier</source>
        <translation>渠道分层</translation>
    </message>
    <message>
        <location filename="../../../ui/today_method.py" line="+7"/>
        <source>Joint goals at risk</source>
        <translation>有风险的联合目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No joint goal is at risk.</source>
        <translation>没有联合目标处于风险中。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Goals at risk</source>
        <translation>目标有风险</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Joint goals agreed with partners that are behind their period&apos;s pace or marked at risk.</source>
        <translation>与渠道商定的联合目标中，进度落后于周期或被标为有风险的。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+5"/>
        <source>Agreements to renew</source>
        <translation>待续约协议</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>No agreement ends in the next 60 days.</source>
        <translation>未来 60 天内没有到期的协议。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Agreements that end within 60 days (or ended lately): prepare the renewal.</source>
        <translation>60 天内到期（或刚到期）的协议：请准备续约。</translation>
    </message>
    <message>
        <location filename="../../../ui/today_builtin.py" line="-90"/>
        <source>Last visit</source>
        <translation>上次拜访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days since</source>
        <translation>间隔天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+25"/>
        <location filename="../../../ui/today_method.py" line="-38"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Visits overdue</source>
        <translation>拜访已逾期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Partners not visited within their tier&apos;s cadence.</source>
        <translation>未按分层拜访周期拜访的渠道商。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Visits due this week</source>
        <translation>本周应拜访</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Partners whose cadence runs out within a week.</source>
        <translation>拜访周期将在一周内到期的渠道商。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action item</source>
        <translation>行动项</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Owner</source>
        <translation>负责方</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Action items overdue</source>
        <translation>行动项已逾期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open or in progress, and past their due date.</source>
        <translation>未开始或进行中，且已过截止日期。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done, awaiting feedback</source>
        <translation>已完成，待反馈</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done, but the partner has not heard back yet: an item is closed when feedback is given.</source>
        <translation>已完成，但尚未反馈给渠道商：反馈之后行动项才算闭环。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Partners going quiet</source>
        <translation>渠道商趋于躺平</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Partners showing two or more warning signs of &quot;lying flat&quot; (躺平).</source>
        <translation>出现两个或以上“躺平”预警信号的渠道商。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../../ui/today_method.py" line="+7"/>
        <source>In days</source>
        <translation>还有几天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Occasion</source>
        <translation>事由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role</source>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../../../ui/today_view.py" line="+414"/>
        <source>Welcome: no partners yet</source>
        <translation>欢迎：还没有渠道商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today shows what needs your attention: visits due by each tier&apos;s cadence, action items that are late or waiting for feedback, partners going quiet and key dates coming up. It fills as you add partners and meetings.</source>
        <translation>“今日”显示需要您关注的事项：按分层周期应拜访的渠道商、已逾期或待反馈的行动项、趋于躺平的渠道商以及即将到来的重要日子。添加渠道商和会议后即会显示内容。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add a partner…</source>
        <translation>添加渠道商…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load demo data…</source>
        <translation>加载演示数据…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in to get your partners…</source>
        <translation>登录以获取您的渠道商…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No partners yet. Add your first partner (Ctrl+Shift+N) or load the demo data to look around.</source>
        <translation>还没有渠道商。请添加第一个渠道商（Ctrl+Shift+N），或加载演示数据先看看。</translation>
    </message>
    <message>
        <location filename="../../../ui/today_builtin.py" line="-23"/>
        <source>Stage</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Warning signs</source>
        <translation>预警信号</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Key dates this week</source>
        <translation>本周重要日子</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contacts&apos; birthdays and company anniversaries in the next seven days.</source>
        <translation>未来七天内联系人的生日和公司周年纪念日。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Location</source>
        <translation>地点</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Visits planned this week</source>
        <translation>本周计划拜访</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company anniversary</source>
        <translation>入职周年</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Today %1</source>
        <translation>今天 %1</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Awaiting feedback</source>
        <translation>待反馈</translation>
    </message>
    <message>
        <location filename="../../../ui/today_view.py" line="-39"/>
        <source>Could not load Today: %1</source>
        <extracomment>the changes that may move the trend of visits kept to cadence a card is at least this wide (px): more cards than fit a row wrap onto the next (nine fit one row of a 1366 px screen, or of 1920 px at 150%) ``load(store, today, cadence)`` of a registered section, run in the database lane what the empty list says (only when the profile has partners: an empty profile says so itself) rows from the database lane after each load (None: the view sets them itself) what a row opens: &quot;partner&quot;, or an entity whose record the workspace shows the review pack of this partner, asked from this week&apos;s planned visits the trend and the registered sections&apos; rows are on screen the empty page&apos;s &quot;Sign in…&quot;: head office&apos;s partners come with the first sync the day and cadence the trend on screen was computed for, and whether a change since may have moved it reload by itself after data changes (the main window turns this off and reloads Today together with Partners)</extracomment>
        <translation>无法加载今日概览：%1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Today, %1</source>
        <translation>今日 · %1</translation>
    </message>
    <message>
        <location filename="../../../ui/today_builtin.py" line="-108"/>
        <source>Visits due</source>
        <translation>待拜访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every partner has been visited within its cadence.</source>
        <translation>所有渠道商都在拜访周期内。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Action items due</source>
        <translation>待办行动项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No action item is overdue or due this week.</source>
        <translation>没有逾期或本周到期的行动项。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Partners going quiet (&quot;lying flat&quot;)</source>
        <translation>“躺平”预警的渠道商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No partner shows several warning signs.</source>
        <translation>没有渠道商出现多项预警信号。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Planned visits this week</source>
        <translation>本周计划的拜访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No visit planned this week: plan some in the Calendar (Ctrl+4).</source>
        <translation>本周没有计划的拜访：可在日历（Ctrl+4）中安排。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../../ui/today_view.py" line="+25"/>
        <source>Enter: open the partner · Ctrl+Enter: start the meeting (held, now) · Ctrl+P: the partner&apos;s review pack</source>
        <translation>回车：打开渠道商 · Ctrl+回车：开始会议（记为已举行，时间为现在）· Ctrl+P：该渠道商的复盘资料</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Key dates in the next 30 days</source>
        <translation>未来 30 天的重要日子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No birthdays or anniversaries coming up.</source>
        <translation>近期没有生日或纪念日。</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <location filename="../../../ui/today_trend.py" line="+39"/>
        <source>Visits kept to cadence: loading…</source>
        <translation>按周期完成拜访：加载中…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Visits kept to cadence: no partners yet.</source>
        <translation>按周期完成拜访：还没有渠道商。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visits kept to cadence: %1% of partners now, %2% %3 weeks ago.</source>
        <translation>按周期完成拜访：目前 %1% 的渠道商，%3 周前为 %2%。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Visits kept to cadence, last 12 weeks</source>
        <translation>按周期完成拜访（近 12 周）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Week to %1: %2 of %3</source>
        <translation>截至 %1 的一周：%2 / %3</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <location filename="../../../ui/validation_text.py" line="+15"/>
        <source>The database is busy: another program is writing to it. Nothing was saved; close the other program or try again in a moment.</source>
        <translation>数据库正忙：另一个程序正在写入。未保存任何内容；请关闭该程序，或稍后重试。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The disk is full: nothing was saved. Free some space on it and try again.</source>
        <translation>磁盘已满：未保存任何内容。请腾出一些空间后重试。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This text is too long to save. Shorten it, or split it over several records.</source>
        <translation>文字太长，无法保存。请缩短，或分成几条记录。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This text holds a character that cannot be saved (an invisible control character or a broken symbol). Retype it or paste it again as plain text.</source>
        <translation>文字中含有无法保存的字符（不可见的控制字符或损坏的符号）。请重新输入，或以纯文本重新粘贴。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter an ordinary number (not Infinity or NaN).</source>
        <translation>请输入普通数字（不能是 Infinity 或 NaN）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This value is out of range: check the number or the year.</source>
        <translation>数值超出允许范围：请检查数字或年份。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter a whole number.</source>
        <translation>请输入整数。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The answers of this review cannot be saved: they are too large or malformed.</source>
        <translation>此次检查的答案无法保存：内容过大或格式有误。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This record refers to something with an invalid id; it was not saved.</source>
        <translation>此记录引用的对象编号无效，未保存。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Only a planned meeting can be moved or started; this one is already held or cancelled.</source>
        <translation>只有计划中的会议可以移动或开始；这场会议已举行或已取消。</translation>
    </message>
</context>
</TS>
