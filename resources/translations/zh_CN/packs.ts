<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>OptionsBar</name>
    <message>
        <location filename="../../../ui/packs/pack_options.py" line="+59"/>
        <source>&amp;For:</source>
        <translation>用途(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The partner (shared facts)</source>
        <translation>交渠道方（共享信息）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Internal (with warning signs and scores)</source>
        <translation>内部（含预警信号与评分）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A partner copy is left on the partner&apos;s table: terms, KPIs, decisions, both sides&apos; action items and next steps. The internal copy adds warning signs, cadence, response times, review scores and note lines marked internal.</source>
        <translation>渠道方版本留给渠道方：合作条款、指标、会议决议、双方的行动项与下一步计划。内部版本另含预警信号、拜访节奏、响应时间、复盘评分以及标为内部的纪要。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Template:</source>
        <translation>模板(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full pack</source>
        <translation>完整版</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One-page summary</source>
        <translation>单页摘要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pack &amp;language:</source>
        <translation>资料语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The partner&apos;s language</source>
        <translation>渠道方的语言</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The pack&apos;s language, independent of the app&apos;s: by default the language the partner prefers (set in the partner&apos;s details), else Chinese</source>
        <translation>资料的语言，与界面语言无关：默认使用渠道方偏好的语言（在渠道资料中设置），未设置时为中文</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pape&amp;r:</source>
        <translation>纸张(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>PackActions</name>
    <message>
        <location filename="../../../ui/packs/pack_actions.py" line="+56"/>
        <source>Select at least one partner to print review packs.</source>
        <extracomment>the choices last used in this session, offered again next time, except the audience: every new pack starts as a partner copy, so an internal copy printed once is never printed again by habit for the partner&apos;s table</extracomment>
        <translation>请至少选择一个渠道再打印复盘资料。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Nobody has a meeting or a visit due this week.</source>
        <translation>本周没有需要会面或拜访的渠道。</translation>
    </message>
</context>
<context>
    <name>PackBatchDialog</name>
    <message>
        <location filename="../../../ui/packs/pack_batch_dialog.py" line="+104"/>
        <source>Generate review packs</source>
        <translation>批量生成复盘资料</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n partner(s) selected.</source>
        <translation>
            <numerusform>已选择 %n 个渠道。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose dates (otherwise: since each partner&apos;s last review)</source>
        <translation>指定日期（否则：自各渠道上次复盘起）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period:</source>
        <translation>周期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save &amp;in folder:</source>
        <translation>保存到文件夹(&amp;I)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Folder for the packs</source>
        <translation>复盘资料的保存文件夹</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No partners are selected.</source>
        <translation>未选择任何渠道。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The period is empty: its end is before its start.</source>
        <translation>周期为空：结束日期早于开始日期。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a folder for the packs.</source>
        <translation>请选择保存复盘资料的文件夹。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The folder cannot be created: %1</source>
        <translation>无法创建文件夹：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is not a folder.</source>
        <translation>%1 不是文件夹。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Collecting the partners&apos; data…</source>
        <translation>正在收集渠道数据…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Stopping after the current pack…</source>
        <translation>完成当前这份后停止…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 of %2: %3</source>
        <translation>第 %1 / %2 份：%3</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The packs could not be written: %1</source>
        <translation>无法写入复盘资料：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n review pack(s) written.</source>
        <translation>
            <numerusform>已生成 %n 份复盘资料。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled before the end.</source>
        <translation>已中途取消。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n failed.</source>
        <translation>
            <numerusform>%n 份失败。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
</context>
<context>
    <name>PackCommand</name>
    <message>
        <location filename="../../../desktop/commands/pack.py" line="+30"/>
        <source>error: {message}</source>
        <translation>错误：{message}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{value!r} is not a date (expected YYYY-MM-DD)</source>
        <translation>{value!r} 不是有效日期（格式应为 YYYY-MM-DD）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>print partner review packs (PDF)</source>
        <translation>打印渠道复盘资料（PDF）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print review packs (PDF) for one partner, several, everyone (--all) or everyone you visit this week (--due-this-week). PARTNER is a partner id or a piece of its Chinese or English name; an exact name wins over partial matches, and a name matching several partners lists them instead of printing. --out is a file for one partner and a folder for several. Exit codes: 0 done, 1 some packs failed or the run was interrupted, 2 bad input.</source>
        <translation>为一个、多个、全部（--all）或本周要拜访的（--due-this-week）渠道打印复盘资料（PDF）。PARTNER 为渠道 ID 或其中文/英文名称的一部分；完全匹配的名称优先于部分匹配；若名称匹配到多个渠道，则列出这些渠道而不打印。--out 对单个渠道为文件，对多个渠道为文件夹。退出码：0 完成，1 部分资料失败或运行被中断，2 输入有误。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>partner id or a unique part of its name</source>
        <translation>渠道 ID 或能唯一确定渠道的名称片段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>every partner</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>partners with a meeting this week or a visit falling due this week</source>
        <translation>本周有会议或本周到期需拜访的渠道</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>first day covered (default: the previous review, else 90 days ago)</source>
        <translation>周期开始日期（默认：上次复盘日期，否则为 90 天前）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>last day (default: today)</source>
        <translation>周期结束日期（默认：今天）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>full pack or one-page summary (default: full)</source>
        <translation>完整版或单页摘要（默认：完整版）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>language of the pack, independent of the app&apos;s (default: auto, each partner&apos;s preferred language, else zh_CN)</source>
        <translation>资料的语言，与界面语言无关（默认：auto，即各渠道偏好的语言，未设置时为 zh_CN）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>partner: the copy left on the partner&apos;s table (shared facts only); internal: everything, with warning signs, scores and notes marked internal (default: partner)</source>
        <translation>partner：留给渠道方的版本（仅共享信息）；internal：全部内容，含预警信号、评分及标为内部的纪要（默认：partner）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>paper size (default: a4)</source>
        <translation>纸张大小（默认：a4）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a .pdf file for one partner, a folder for several</source>
        <translation>单个渠道为 .pdf 文件，多个渠道为文件夹</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>an empty partner name was given</source>
        <translation>渠道名称为空</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>no partner matches {query!r} (give an id or part of a name)</source>
        <translation>没有与 {query!r} 匹配的渠道（请输入 ID 或名称的一部分）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>… and {n} more</source>
        <translation>… 另有 {n} 个</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} partners match {query!r}; give the id or more of the name:</source>
        <translation>有 {n} 个渠道与 {query!r} 匹配；请输入 ID 或更完整的名称：</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>the period is empty: it ends ({end}) before it starts ({start})</source>
        <translation>周期为空：结束日期（{end}）早于开始日期（{start}）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>no partner has a meeting or a visit due this week</source>
        <translation>本周没有需要会面或拜访的渠道</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>there are no partners to print</source>
        <translation>没有可打印的渠道</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>name at least one PARTNER, or use --all</source>
        <translation>请至少指定一个 PARTNER，或使用 --all</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{path} ({pages} pages)</source>
        <translation>{path}（共 {pages} 页）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>error: {partner}: {message}</source>
        <translation>错误：{partner}：{message}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} packs written to {folder}</source>
        <translation>已将 {count} 份复盘资料写入 {folder}</translation>
    </message>
</context>
<context>
    <name>PackPreviewDialog</name>
    <message>
        <location filename="../../../ui/packs/pack_preview_dialog.py" line="+166"/>
        <source>Review pack</source>
        <extracomment>wait this long after the last option change before regenerating and this long after a change of the data (a sync may bring many in a row) entities a pack shows</extracomment>
        <translation>复盘资料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Period:</source>
        <translation>周期(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the pack (Ctrl+P)</source>
        <translation>打印复盘资料（Ctrl+P）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save as PDF…</source>
        <translation>另存为 PDF(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the pack as a PDF file (Ctrl+S)</source>
        <translation>将复盘资料保存为 PDF 文件（Ctrl+S）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open in viewer</source>
        <translation>用查看器打开(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the pack in the system&apos;s PDF viewer</source>
        <translation>用系统的 PDF 查看器打开复盘资料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+39"/>
        <source>Preparing the review pack…</source>
        <translation>正在准备复盘资料…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The pack could not be created: %1</source>
        <translation>无法生成复盘资料：%1</translation>
    </message>
    <message>
        <location line="+37"/>
        <location line="+20"/>
        <source>Save review pack</source>
        <translation>保存复盘资料</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is open in another program, perhaps a PDF viewer. Close it there and try again.</source>
        <translation>%1 正被其他程序（可能是 PDF 阅读器）打开。请先在那里关闭它，然后重试。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The pack could not be saved: %1</source>
        <translation>无法保存复盘资料：%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Review pack saved to %1</source>
        <translation>复盘资料已保存到 %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+5"/>
        <source>Open in viewer</source>
        <translation>用查看器打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No PDF viewer could be started. The pack was saved as %1</source>
        <translation>无法启动 PDF 查看器。复盘资料已保存为 %1</translation>
    </message>
</context>
<context>
    <name>PackPrinting</name>
    <message>
        <location filename="../../../ui/packs/pack_printing.py" line="+42"/>
        <source>Printing the review pack…</source>
        <translation>正在打印复盘资料…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Print review pack</source>
        <translation>打印复盘资料</translation>
    </message>
</context>
</TS>
