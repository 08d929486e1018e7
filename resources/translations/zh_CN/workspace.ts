<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActionItemDialog</name>
    <message>
        <location filename="../../../ui/workspace/action_dialogs.py" line="+42"/>
        <source>Edit action item</source>
        <translation>编辑行动项</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New action item</source>
        <translation>新建行动项</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>YYYY-MM-DD; empty: from tier and severity</source>
        <translation>YYYY-MM-DD；留空则按渠道层级和严重程度推算</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Title</source>
        <translation>标题(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Details</source>
        <translation>详情(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner &amp;side</source>
        <translation>负责方(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Owner</source>
        <translation>负责人(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Se&amp;verity</source>
        <translation>严重程度(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Response &amp;deadline</source>
        <translation>响应期限(&amp;D)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Feedback given</source>
        <translation>反馈内容(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given &amp;how</source>
        <translation>反馈方式(&amp;H)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The title must not be empty.</source>
        <translation>标题不能为空。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The response deadline must be a date like 2026-12-31.</source>
        <translation>响应期限须为日期，例如 2026-12-31。</translation>
    </message>
</context>
<context>
    <name>ActionTableModel</name>
    <message>
        <location filename="../../../ui/workspace/actions_tab.py" line="+57"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Owner side</source>
        <translation>负责方</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Response deadline</source>
        <translation>响应期限</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 (overdue)</source>
        <translation>%1（已逾期）</translation>
    </message>
</context>
<context>
    <name>ActionsTab</name>
    <message>
        <location line="+64"/>
        <source>Action items</source>
        <translation>行动项</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Show &amp;closed items</source>
        <translation>显示已关闭事项(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also list items closed with feedback to the partner</source>
        <translation>同时列出已向渠道方反馈并关闭的事项</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New action item</source>
        <translation>新建行动项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add an action item (Ctrl+J)</source>
        <translation>新建行动项（Ctrl+J）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the selected item (Enter)</source>
        <translation>编辑所选事项（Enter）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move the selected item to its next step (Ctrl+Right)</source>
        <translation>将所选事项推进到下一步（Ctrl+→）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected item (Del); you can undo it</source>
        <translation>删除所选事项（Del），可撤销</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+101"/>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="-100"/>
        <source>Edit action item</source>
        <translation>编辑行动项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete action item</source>
        <translation>删除行动项</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>No open action items</source>
        <translation>没有未关闭的行动项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every action item of this partner is closed. Add a new one, or show the closed items with the feedback they were closed with.</source>
        <translation>该伙伴的所有行动项都已关闭。可以新增一项，或显示已关闭的行动项及其关闭时的反馈。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No action items yet</source>
        <translation>还没有行动项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action items are what you and the partner agreed to do, each with an owner, a severity and a due date; Today lists the late ones. Add one here, or turn a line of meeting notes into one with Ctrl+Shift+A.</source>
        <translation>行动项是您与伙伴约定要做的事，每项都有负责人、严重程度和截止日期；“今日”会列出已逾期的项。在这里新增一项，或在会议笔记中用 Ctrl+Shift+A 将一行转为行动项。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add an action item…</source>
        <translation>新增行动项…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show closed items</source>
        <translation>显示已关闭的行动项</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Action item “%1” deleted.</source>
        <translation>行动项“%1”已删除。</translation>
    </message>
</context>
<context>
    <name>ChecklistForm</name>
    <message>
        <location filename="../../../ui/workspace/checklist_form.py" line="+94"/>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Score from 1 (poor) to 5 (excellent): type 1…5</source>
        <translation>评分：1（差）到 5（优），可直接输入 1…5</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type Y for yes, N for no</source>
        <translation>输入 Y 表示“是”，N 表示“否”</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../../ui/workspace/contacts_panel.py" line="+58"/>
        <source>Edit contact</source>
        <translation>编辑联系人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New contact</source>
        <translation>新建联系人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Role</source>
        <translation>职务(&amp;R)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Phone</source>
        <translation>电话(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Email</source>
        <translation>邮箱(&amp;E)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;WeChat</source>
        <translation>微信(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Birthday</source>
        <translation>生日(&amp;B)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Company &amp;anniversary</source>
        <translation>公司纪念日(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Festivals</source>
        <translation>节日(&amp;F)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>N&amp;otes</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 春节, 中秋节</source>
        <translation>例如：春节, 中秋节</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The name must not be empty.</source>
        <translation>姓名不能为空。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Dates are written like 1985-03-08.</source>
        <translation>日期格式如 1985-03-08。</translation>
    </message>
</context>
<context>
    <name>ContactTableModel</name>
    <message>
        <location line="-59"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>职务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Anniversary</source>
        <translation>纪念日</translation>
    </message>
</context>
<context>
    <name>ContactsPanel</name>
    <message>
        <location line="+81"/>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Add contact</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected contact (Del); you can undo it</source>
        <translation>删除所选联系人（Del），可撤销</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit contact</source>
        <translation>编辑联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete contact</source>
        <translation>删除联系人</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No contacts yet</source>
        <translation>还没有联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The people you deal with at this partner: their role, how to reach them and the dates to remember (birthdays, the company&apos;s anniversary).</source>
        <translation>您在该伙伴处打交道的人：他们的职务、联系方式以及需要记住的日子（生日、公司周年纪念日）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add a contact…</source>
        <translation>新增联系人…</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Contact %1 deleted.</source>
        <extracomment>Tab&apos;s way through the panel (the overview puts it after its own controls)</extracomment>
        <translation>联系人 %1 已删除。</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <location filename="../../../ui/workspace/action_dialogs.py" line="+25"/>
        <location line="+6"/>
        <source>Feedback to the partner</source>
        <extracomment>how a feedback dialog writes: (feedback, channel, on_done, on_error) writes the feedback (feedback, channel, on_done, on_error); the dialog closes once it is written and stays open, its text kept, when it is refused</extracomment>
        <translation>向渠道方反馈</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>What did the partner hear back about “%1”? The item is finished only once they know.</source>
        <translation>关于“%1”，向渠道方反馈了什么？只有渠道方得到反馈，事项才算闭环。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ctrl+Enter to save</source>
        <translation>按 Ctrl+Enter 保存</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;How</source>
        <translation>方式(&amp;H)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Write the feedback the partner received.</source>
        <translation>请填写渠道方收到的反馈。</translation>
    </message>
</context>
<context>
    <name>GoalDialog</name>
    <message>
        <location filename="../../../ui/workspace/goal_dialog.py" line="+45"/>
        <source>Edit joint goal</source>
        <translation>编辑联合目标</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New joint goal</source>
        <translation>新建联合目标</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How both sides measure it</source>
        <translation>双方如何衡量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(none: progress typed in)</source>
        <translation>（无：手动填写进展）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a year (2026) or a quarter (2026-Q3)</source>
        <translation>年度（2026）或季度（2026-Q3）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Training, marketing funds, stock support…</source>
        <extracomment>the year of each annual goal offered as a parent</extracomment>
        <translation>培训、市场基金、备货支持……</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>(not recorded)</source>
        <translation>（未记录）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;What</source>
        <translation>目标内容(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Measured by</source>
        <translation>衡量方式(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Head-office &amp;KPI</source>
        <translation>总部 &amp;KPI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Target</source>
        <translation>目标值(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Progress so far</source>
        <translation>当前进展(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Period</source>
        <translation>周期(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage of annual &amp;goal</source>
        <translation>所属年度目标(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Our commitment</source>
        <translation>我方承诺(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pa&amp;rtner&apos;s commitment</source>
        <translation>渠道方承诺(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Status</source>
        <translation>状态(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agreed at &amp;meeting</source>
        <translation>商定会议(&amp;M)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>from head office&apos;s KPI figures</source>
        <translation>取自总部 KPI 数据</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Enter a number, such as 1200000 or 0.35.</source>
        <translation>请输入数字，例如 1200000 或 0.35。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Say what the goal is.</source>
        <translation>请填写目标内容。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A stage of an annual goal is one of its quarters, such as %1-Q3.</source>
        <translation>年度目标下的阶段须为该年的某个季度，例如 %1-Q3。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The period must be a year such as 2026 or a quarter such as 2026-Q3.</source>
        <translation>周期须为年度（如 2026）或季度（如 2026-Q3）。</translation>
    </message>
</context>
<context>
    <name>GoalTableModel</name>
    <message>
        <location filename="../../../ui/workspace/goals_tab.py" line="+43"/>
        <source>Goal</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Measured by</source>
        <translation>衡量方式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation>进展</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1, behind</source>
        <translation>%1，进度落后</translation>
    </message>
</context>
<context>
    <name>GoalsTab</name>
    <message>
        <location line="+17"/>
        <source>Goals</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Goals are agreed with the partner, not handed down: what, how it is measured, the target, and what each side commits to. Staged quarterly goals inside an annual one keep the cooperation going.</source>
        <translation>目标与渠道共同商定，而非单向下达：目标内容、衡量方式、目标值以及双方各自的承诺。年度目标下分阶段的季度目标，让合作持续而非一锤子买卖。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>New goal</source>
        <translation>新建目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a joint goal (Ctrl+Shift+G)</source>
        <translation>新建联合目标（Ctrl+Shift+G）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the selected goal (Enter)</source>
        <translation>编辑所选目标（Enter）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected goal (Del); you can undo it</source>
        <translation>删除所选目标（Del），可撤销</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New joint goal</source>
        <translation>新建联合目标</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Edit joint goal</source>
        <translation>编辑联合目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete joint goal</source>
        <translation>删除联合目标</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No joint goals yet</source>
        <translation>还没有共同目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agree the first goal with the partner (sales, certified engineers, joint events…): Today and the review pack then show how it is going.</source>
        <translation>与伙伴商定第一个目标（销售额、认证工程师、联合活动…）：之后“今日”和评估材料包会显示进展。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a joint goal…</source>
        <translation>新增共同目标…</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>No joint goal yet. Agree one with the partner (Ctrl+Shift+G).</source>
        <translation>尚无联合目标。请与渠道共同商定一个（Ctrl+Shift+G）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Agreed at the meeting of %1.</source>
        <translation>于 %1 的会议上商定。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The meeting where it was agreed is not recorded.</source>
        <translation>未记录商定该目标的会议。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>We commit</source>
        <translation>我方承诺</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The partner commits</source>
        <translation>渠道方承诺</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Joint goal “%1” deleted.</source>
        <translation>联合目标“%1”已删除。</translation>
    </message>
</context>
<context>
    <name>KpiSparkline</name>
    <message>
        <location filename="../../../ui/workspace/kpi_sparkline.py" line="+62"/>
        <source>No KPI data yet</source>
        <extracomment>how many periods the trend shows</extracomment>
        <translation>暂无 KPI 数据</translation>
    </message>
</context>
<context>
    <name>MeetingEditor</name>
    <message>
        <location filename="../../../ui/workspace/meeting_editor.py" line="+74"/>
        <source>Where the meeting takes place</source>
        <extracomment>a past meeting opens for reading; this key (or the Edit button) unlocks it an action item was created from a note line (its id) the agenda as generated: while unchanged, a type change regenerates it</extracomment>
        <translation>会议地点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Our attendees, comma-separated</source>
        <translation>我方参会人，用逗号分隔</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The partner&apos;s attendees</source>
        <translation>渠道方参会人</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type notes here. %1 turns the current line into an action item; start a line with &quot;对方:&quot; or &quot;@partner&quot; for a partner-owned item.</source>
        <translation>在此记录会议纪要。按 %1 可将当前行转为行动项；行首写“对方：”或“@对方”表示由渠道方负责。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What was decided</source>
        <translation>会议决定</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Severity of the next action item (Ctrl+Shift+1…4)</source>
        <translation>下一个行动项的严重程度（Ctrl+Shift+1…4）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Owner: default</source>
        <translation>负责人：默认</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Owner of the next action item. Empty: you for our items, the partner&apos;s first attendee (or its senior contact) for the partner&apos;s. Change it later in Actions.</source>
        <translation>下一个行动项的负责人。留空时：我方事项为您本人，渠道方事项为渠道方第一位参会人（或其最资深的联系人）。之后可在“行动项”中修改。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Owner of the next action item</source>
        <translation>下一行动项的负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line → action item</source>
        <translation>本行 → 行动项</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Turn the current line of the notes into an action item (%1)</source>
        <translation>将纪要的当前行转为行动项（%1）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Internal line</source>
        <translation>内部行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mark the current line internal, or unmark it (%1): internal lines are printed only in the internal pack, never in the partner&apos;s copy</source>
        <translation>将当前行标为内部或取消标记（%1）：内部行只打印在内部版本中，绝不出现在渠道方版本里</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Next action severity: %1</source>
        <translation>下一行动项严重程度：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Edit this meeting</source>
        <translation>编辑此会议</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A past meeting opens for reading; edit it (%1)</source>
        <translation>过去的会议以只读方式打开；点此编辑（%1）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A past meeting, open for reading.</source>
        <translation>这是过去的会议，只读打开。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Type</source>
        <translation>类型(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Status</source>
        <translation>状态(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;When</source>
        <translation>时间(&amp;W)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Location</source>
        <translation>地点(&amp;L)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Our attendees</source>
        <translation>我方参会人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Partner&apos;s</source>
        <translation>渠道方参会人</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Notes</source>
        <translation>纪要(&amp;N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>A&amp;genda</source>
        <translation>议程(&amp;G)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Decisions</source>
        <translation>决定(&amp;D)</translation>
    </message>
    <message>
        <location line="+193"/>
        <source>Next action item: %1 severity</source>
        <translation>下一个行动项：%1</translation>
    </message>
    <message>
        <location filename="../../../ui/workspace/note_lines.py" line="+32"/>
        <source>Put the cursor on a line of text to mark it internal.</source>
        <translation>请将光标放在要标为内部的文字行上。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>An internal line stays in the notes: action items are printed in the partner&apos;s copy. Unmark it (%1) first to make it an action item.</source>
        <translation>内部行只留在纪要中：行动项会打印在渠道方版本里。如需转为行动项，请先取消内部标记（%1）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Put the cursor on a line of notes that is not converted yet.</source>
        <translation>请将光标放在尚未转换的纪要行上。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Action item created: %1 (owner: %2)</source>
        <translation>已创建行动项：%1（负责人：%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nobody yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not create the action item: %1</source>
        <translation>无法创建行动项：%1</translation>
    </message>
</context>
<context>
    <name>MeetingTableModel</name>
    <message>
        <location filename="../../../ui/workspace/meetings_tab.py" line="+36"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Location</source>
        <translation>地点</translation>
    </message>
</context>
<context>
    <name>MeetingsTab</name>
    <message>
        <location line="+35"/>
        <source>Meetings</source>
        <translation>会议</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>New meeting</source>
        <translation>新建会议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start a meeting for this partner (Ctrl+N)</source>
        <translation>为该渠道新建会议（Ctrl+N）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete meeting</source>
        <translation>删除会议</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Write notes</source>
        <translation>撰写纪要</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected meeting (Del in the list); you can undo it</source>
        <translation>删除所选会议（在列表中按 Del），可撤销</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No meetings with this partner yet</source>
        <translation>与该伙伴还没有会议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meetings keeps each conversation with the partner: the agenda, the notes you type while you talk and the decisions. A line of notes becomes an action item with Ctrl+Shift+A. Start the first meeting now, or plan a visit in the Calendar.</source>
        <translation>“会议”记录与伙伴的每一次沟通：议程、谈话时记下的笔记以及决定。笔记中的一行可用 Ctrl+Shift+A 转为行动项。现在开始第一次会议，或在日历中计划一次拜访。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start a meeting</source>
        <translation>开始会议</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>Meeting of %1 deleted.</source>
        <translation>%1 的会议已删除。</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <location filename="../../../ui/workspace/overview_tab.py" line="+68"/>
        <source>percent, e.g. 12.5</source>
        <extracomment>the tier strategy&apos;s parts, by the partner field holding each as agreed the agreement&apos;s terms in the order the form shows them the partner&apos;s display name changed (for the workspace title) the open partner was deleted (here, in the Partners list, or by sync)</extracomment>
        <translation>百分比，例如 12.5</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>percent, e.g. 3</source>
        <translation>百分比，例如 3</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Background, relationship notes, what matters to this partner</source>
        <translation>背景、关系维护要点、渠道方关心的事</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+5"/>
        <source>Save profile</source>
        <translation>保存资料</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Save the profile and terms (Ctrl+S)</source>
        <translation>保存资料和合作条款（Ctrl+S）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Profile</source>
        <translation>渠道资料</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name (Chinese)</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name (English)</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tier</source>
        <translation>层级</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agreement terms</source>
        <translation>合作条款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revenue share %</source>
        <translation>分润比例 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rebate %</source>
        <translation>返点 %</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>Why the partner moves to this stage</source>
        <translation>渠道进入该阶段的原因</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Free notes on goals; the agreed joint goals are on the Goals tab</source>
        <translation>目标备注；已商定的联合目标见“目标”页</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Why this stage</source>
        <translation>阶段变更原因</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Incentive</source>
        <translation>激励</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risk sharing</source>
        <translation>风险共担</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Agreement</source>
        <translation>协议期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Goal notes</source>
        <translation>目标备注</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Visit cadence and warning signs</source>
        <translation>拜访节奏与预警信号</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>KPIs (head office)</source>
        <translation>KPI（总部数据）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sales (solid) against target (dashed), last 12 periods</source>
        <translation>销售额（实线）对比目标（虚线），最近 12 期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+124"/>
        <source>Focus at this stage: %1</source>
        <translation>本阶段重点：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 tier: %2. Terms left empty follow the tier&apos;s strategy.</source>
        <translation>%1：%2。未填写的条款按该层级的策略执行。</translation>
    </message>
    <message>
        <location filename="../../../ui/workspace/overview_status.py" line="+108"/>
        <source>The agreement ends on %1, in %2 days: prepare the renewal.</source>
        <translation>协议将于 %1 到期（还有 %2 天）：请准备续约。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The agreement ended on %1: renew it or record the new one.</source>
        <translation>协议已于 %1 到期：请续约或录入新协议。</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>No meeting held yet.</source>
        <translation>尚未召开过会议。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last visit %1, %2 days ago.</source>
        <translation>上次拜访 %1，距今 %2 天。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cadence for this tier: every %1 days.</source>
        <translation>该层级拜访节奏：每 %1 天一次。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lying flat? (躺平)</source>
        <translation>渠道是否“躺平”？</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Warning signs</source>
        <translation>预警信号</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>No warning signs.</source>
        <translation>无预警信号。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source> (replies take %1 days now, %2 before)</source>
        <translation>（近期回复需 %1 天，以往 %2 天）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>company anniversary</source>
        <translation>公司纪念日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in %1 days</source>
        <translation>%1 天后</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coming up</source>
        <translation>近期重要日期</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Head office has not sent KPI figures yet.</source>
        <translation>总部尚未下发 KPI 数据。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> (%1% of target)</source>
        <translation>（完成目标的 %1%）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Period %1: sales %2 against target %3%4. Repurchase rate %5.</source>
        <translation>%1 期：销售额 %2，目标 %3%4。复购率 %5。</translation>
    </message>
    <message>
        <location filename="../../../ui/workspace/overview_tab.py" line="+55"/>
        <source>Enter a percentage between 0 and 100.</source>
        <translation>请输入 0 到 100 之间的百分比。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A partner needs a Chinese or an English name.</source>
        <translation>渠道须填写中文或英文名称。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Profile saved.</source>
        <translation>资料已保存。</translation>
    </message>
</context>
<context>
    <name>PartnerWorkspace</name>
    <message>
        <location filename="../../../ui/workspace/partner_workspace.py" line="+107"/>
        <source>&amp;Overview</source>
        <extracomment>entity → the tabs that show it the open partner&apos;s display name (for the window title)</extracomment>
        <translation>概览(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Meetings</source>
        <translation>会议(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Action items</source>
        <translation>行动项(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reviews</source>
        <translation>复盘(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Goals</source>
        <translation>目标(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;lationship</source>
        <translation>关系维护(&amp;L)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show tab %1</source>
        <translation>显示“%1”标签页</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Unsaved profile</source>
        <translation>资料未保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the changes to the profile of %1?</source>
        <translation>是否保存对%1资料的修改？</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>That record no longer exists.</source>
        <translation>该记录已不存在。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Edits not saved</source>
        <translation>修改未保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Some of your edits could not be saved.</source>
        <translation>有些修改未能保存。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>They are kept while ChannelKeeper stays open. Try again once the database is free, or keep working and close later.</source>
        <translation>只要渠道管家还开着，这些修改就会保留。请等数据库空闲后重试，或继续工作、稍后再关闭。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep working</source>
        <translation>继续工作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close without them</source>
        <translation>不保存并关闭</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>No partner open</source>
        <translation>未打开渠道</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This partner has been deleted</source>
        <translation>该渠道已被删除</translation>
    </message>
</context>
<context>
    <name>RelationshipTab</name>
    <message>
        <location filename="../../../ui/workspace/relationship_tab.py" line="+88"/>
        <source>The stage is changed on the Overview; each move is kept here with its reason.</source>
        <translation>生命周期阶段在“概览”页修改；每次变更及其原因都记录在此。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lifecycle stage</source>
        <translation>生命周期阶段</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Log touchpoint</source>
        <translation>记录往来</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log a greeting, gift, call, visit or training (Ctrl+Shift+T)</source>
        <translation>记录问候、礼品、电话、拜访或培训（Ctrl+Shift+T）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected touchpoint (Del); you can undo it</source>
        <translation>删除所选往来记录（Del），可撤销</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Log a touchpoint</source>
        <translation>记录往来</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Edit touchpoint</source>
        <translation>编辑往来记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete touchpoint</source>
        <translation>删除往来记录</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Touchpoints and training</source>
        <translation>人情往来与培训</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No touchpoints logged yet</source>
        <translation>还没有记录接触</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Touchpoints keep the relationship between meetings: festival greetings, gifts, calls and the training you gave the partner&apos;s people. Log the first one (Ctrl+Shift+T).</source>
        <translation>接触记录会议之间的关系维护：节日问候、礼品、电话以及为伙伴人员提供的培训。记录第一次接触（Ctrl+Shift+T）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log a touchpoint…</source>
        <translation>记录接触…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Training and enablement sessions in the last 12 months: %1</source>
        <translation>近 12 个月培训与赋能次数：%1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Touchpoint of %1 deleted.</source>
        <translation>%1 的往来记录已删除。</translation>
    </message>
</context>
<context>
    <name>RemediesBox</name>
    <message>
        <location filename="../../../ui/workspace/remedies_box.py" line="+35"/>
        <source>Remedies</source>
        <translation>对策</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The method&apos;s remedies: Enter or Ctrl+Shift+R makes the selected one an action item</source>
        <translation>方法中的对策：按 Enter 或 Ctrl+Shift+R 将所选对策转为行动项</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Make action item</source>
        <translation>转为行动项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Turn the selected remedy into an action item (Ctrl+Shift+R)</source>
        <translation>将所选对策转为行动项（Ctrl+Shift+R）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Make the remedy an action item</source>
        <translation>将对策转为行动项</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remedies (internal)</source>
        <translation>对策（内部）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Action item added: %1</source>
        <translation>已添加行动项：%1</translation>
    </message>
</context>
<context>
    <name>ReviewsTab</name>
    <message>
        <location filename="../../../ui/workspace/reviews_tab.py" line="+47"/>
        <source>Template for a new review; the one for the partner&apos;s tier comes first</source>
        <translation>新复盘使用的模板；与渠道层级对应的模板排在最前</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New review</source>
        <translation>新建复盘</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <source>Open a previous review</source>
        <translation>打开以往的复盘</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete this review; you can undo it</source>
        <translation>删除此复盘，可撤销</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%p% complete</source>
        <translation>已完成 %p%</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+23"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Previous reviews side by side</source>
        <translation>以往复盘对比</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Review</source>
        <translation>复盘</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Checklist</source>
        <translation>检查清单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare reviews</source>
        <translation>对比历次复盘</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No reviews of this partner yet</source>
        <translation>该伙伴还没有评估</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A review walks through a checklist with the partner and scores it (the template for the partner&apos;s tier comes first); past reviews then sit side by side. Choose a template above and start the first review.</source>
        <translation>评估会与伙伴逐项过一遍检查清单并打分（与伙伴级别对应的模板排在最前）；以往的评估可以并排对比。在上方选择模板，开始第一次评估。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start a review</source>
        <translation>开始评估</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Start a new review or open a previous one.</source>
        <translation>新建复盘，或打开以往的复盘。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Score: %1 / 100</source>
        <translation>得分：%1 / 100</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Review of %1 deleted.</source>
        <translation>%1 的复盘已删除。</translation>
    </message>
</context>
<context>
    <name>RunComparisonModel</name>
    <message>
        <location filename="../../../ui/workspace/run_comparison_model.py" line="+74"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Completion</source>
        <translation>完成度</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>SaveIndicator</name>
    <message>
        <location filename="../../../ui/workspace/autosave.py" line="+240"/>
        <source>Saving…</source>
        <extracomment>how soon edits whose write failed (another program holding the database, a full disk) are tried again when nothing else writes first the local time of the last successful save a write is pending or in flight a write failed (message); the edits are kept and tried again the record&apos;s field values as loaded or last sent to be written edits whose write failed, by record id (newer edits of a field win) when the oldest unsaved edit was made (time.monotonic), None when all saved the write in the db lane: (its future, record id, changes), None when none is why the last write failed (what ``failed`` said) a field the record&apos;s stored values do not name: every value of it is an edit</extracomment>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Earlier edits not saved yet, trying again: %1</source>
        <translation>之前的修改尚未保存，正在重试：%1</translation>
    </message>
</context>
<context>
    <name>StageHistoryModel</name>
    <message>
        <location filename="../../../ui/workspace/relationship_tab.py" line="-170"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Move</source>
        <translation>变更</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>TouchpointDialog</name>
    <message>
        <location filename="../../../ui/workspace/touchpoint_dialog.py" line="+35"/>
        <source>Edit touchpoint</source>
        <translation>编辑往来记录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Log a touchpoint</source>
        <translation>记录往来</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(the partner in general)</source>
        <translation>（渠道整体）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What was said or given; for a training, its topic</source>
        <translation>沟通或赠送的内容；培训请写主题</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Date</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Contact</source>
        <translation>联系人(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The date must be like 2026-12-31.</source>
        <translation>日期格式应如 2026-12-31。</translation>
    </message>
</context>
<context>
    <name>TouchpointModel</name>
    <message>
        <location filename="../../../ui/workspace/relationship_tab.py" line="+13"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>UndoBanner</name>
    <message>
        <location filename="../../../ui/workspace/undo_banner.py" line="+48"/>
        <source>Undo the last delete</source>
        <translation>撤销刚才的删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bring back what was deleted (Ctrl+Shift+Z)</source>
        <translation>恢复刚删除的内容（Ctrl+Shift+Z）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../../../ui/workspace/ui_language.py" line="+17"/>
        <source>en</source>
        <translation>zh</translation>
    </message>
</context>
</TS>
