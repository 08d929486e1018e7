"""Word and sentence pools for the demo data (models.demo_data).

The Chinese sentences are drawn from the article ChannelKeeper was founded on (a
field guide to keeping channel partnerships alive), lightly edited so they read as a
channel manager's meeting notes; product advertising in the article was left out.
The seed article itself is not shipped with the app, so the pool lives here.
"""

from __future__ import annotations

# word pools read best packed several to a line
# fmt: off

# --- partners ------------------------------------------------------------------------

#: (region, cities) for Chinese partners
REGIONS_ZH: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("华东", ("上海", "杭州", "南京", "苏州", "宁波", "合肥", "无锡")),
    ("华南", ("广州", "深圳", "东莞", "佛山", "厦门", "南宁")),
    ("华北", ("北京", "天津", "石家庄", "太原", "济南")),
    ("华中", ("武汉", "长沙", "郑州", "南昌")),
    ("西南", ("成都", "重庆", "昆明", "贵阳")),
    ("西北", ("西安", "兰州", "银川", "乌鲁木齐")),
    ("东北", ("沈阳", "大连", "长春", "哈尔滨")),
)

#: (region, cities) for international resellers
REGIONS_EN: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Southeast Asia", ("Singapore", "Kuala Lumpur", "Bangkok", "Jakarta", "Ho Chi Minh City")),
    ("Europe", ("Hamburg", "Rotterdam", "Milan", "Lyon", "Warsaw")),
    ("Middle East", ("Dubai", "Riyadh", "Doha")),
    ("Oceania", ("Sydney", "Melbourne", "Auckland")),
    ("Latin America", ("São Paulo", "Mexico City", "Santiago")),
)

DISTRICTS_ZH = ("高新区", "经济技术开发区", "工业园区", "新区", "自贸区", "软件园")
ROADS_ZH = ("建设路", "人民路", "中山路", "解放路", "科技路", "创新大道", "滨江大道")

NAME_PREFIX_ZH = (
    "华信", "鼎盛", "恒通", "瑞丰", "金桥", "联创", "博远", "众诚", "启航", "宏达", "新锐", "天成",
    "汇通", "嘉禾", "明德", "远景", "合力", "卓越", "安泰", "永辉", "正元", "海纳", "睿智", "盛世",
    "同舟", "长青", "凯旋", "星河", "云帆", "立信",
)
NAME_TRADE_ZH = (
    "科技", "商贸", "电子", "医疗器械", "家电", "数码", "供应链", "信息技术", "快消品", "智能设备",
)
NAME_KIND_ZH = ("有限公司", "分销有限公司", "贸易有限公司", "渠道服务有限公司", "股份有限公司")

NAME_PREFIX_EN = (
    "Harbor", "Summit", "Bluewater", "Meridian", "Northstar", "Crescent", "Evergreen", "Pinnacle",
    "Keystone", "Silverline", "Atlas", "Horizon", "Lighthouse", "Redwood", "Sterling", "Vantage",
)
NAME_KIND_EN = (
    "Distribution", "Resellers", "Trading", "Solutions", "Supply", "Partners", "Systems",
)
NAME_SUFFIX_EN = ("Pte Ltd", "GmbH", "Ltd", "LLC", "S.r.l.", "Pty Ltd", "B.V.")

INCENTIVES_ZH = (
    "高额分成，专属政策，季度返点", "行业标准返点，自动发放激励", "成长激励，专项支持，部分试错成本共担",
    "项目分红，联合创新资源共建", "阶梯返点，年度达标额外激励", "市场活动费用按比例共担",
)
INCENTIVES_EN = (
    "Tiered rebate with a yearly over-target bonus", "Standard rebate, paid automatically",
    "Growth incentive and pilot support", "Project dividends on joint deals",
)
GOALS_ZH = (
    "本年度销售额同比增长20%，复购率提升至35%。", "完成三场联合市场活动，新增终端客户50家。",
    "季度目标与总部共同制定，按月复盘进度。", "试点区域月销售额突破百万，培训覆盖全部销售人员。",
    "共同开发新市场，联合举办行业论坛一次。",
)
GOALS_EN = (
    "Grow sales 20% year on year; repurchase rate to 35%.",
    "Three joint campaigns this year; 40 new end customers.",
    "Quarterly targets agreed together, reviewed monthly.",
)

# --- people --------------------------------------------------------------------------

SURNAMES_ZH = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢宋唐许韩冯邓曹彭曾"
GIVEN_ZH = (
    "伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "军", "涛", "明", "超", "秀英",
    "建华", "志强", "晓东", "丽华", "海燕", "俊杰", "雪梅", "国庆", "文博", "子涵", "思远",
)
FIRST_EN = (
    "Anna", "Ben", "Carlos", "Diana", "Ethan", "Fatima", "George", "Hannah", "Ivan", "Julia",
    "Kenji", "Laura", "Marco", "Nadia", "Oliver", "Priya", "Rafael", "Sofia", "Tom", "Wei",
)
LAST_EN = (
    "Tan", "Schmidt", "Rossi", "Garcia", "Nguyen", "Haddad", "Smith", "Kowalski", "Lim",
    "Dubois", "Silva", "Brown", "Novak", "Wong", "Muller", "Khan",
)
ROLES_ZH = ("总经理", "销售总监", "渠道经理", "采购经理", "市场经理", "财务主管", "技术支持主管", "运营经理")
ROLES_EN = ("Managing Director", "Sales Director", "Channel Manager", "Purchasing Manager",
            "Marketing Lead", "Finance Controller", "Operations Manager")
FESTIVALS_ZH = ("春节", "春节,中秋节", "中秋节", "春节,端午节,中秋节", "春节,元宵节,中秋节,重阳节",
                "端午节,中秋节", "")
FESTIVALS_EN = ("Christmas", "New Year", "Christmas,Lunar New Year",
                "Christmas,Mid-Autumn Festival", "")

# --- meetings ------------------------------------------------------------------------

#: meeting notes (中文), from the article's advice and field cases
NOTES_ZH = (
    "渠道方反馈近期回款周期变长，希望总部在返点结算上提速。",
    "很多企业往往只关注短期销售目标，忽略了渠道关系的长期价值，本次会议重点讨论渠道自身的成长需求。",
    "近60%渠道断裂源于目标错配和信任缺失，双方同意季度目标共同制定。",
    "销售、利润、市场反馈等指标需透明共享，渠道方要有实际获得感。",
    "产品迭代、市场活动等环节鼓励渠道方参与，成为共创者而非被动执行者。",
    "磨合期要及时反馈、建立容错机制、快速响应问题。",
    "成熟期的重点是深度信息共享、联合市场活动和数据驱动决策。",
    "进阶阶段可以共建创新项目，开放更多资源，共担风险。",
    "渠道成熟度提升一级，产品复购率平均增长23%，对方对这组数据很感兴趣。",
    "对方提到总部政策变动后没能及时适应，希望变动前提前预告并解释原因。",
    "上季度联合市场活动执行不力，资源有所浪费，需要复盘原因。",
    "渠道方反馈的问题长期无响应，这是对方最大的不满。",
    "约定每月与渠道核心成员面对面交流，收集建议、反馈问题。",
    "问题提报后按严重程度分级响应，处理结果要反馈给渠道方，形成闭环。",
    "计划下月组织一次产品和市场培训，强化渠道销售能力。",
    "分成规则需要对渠道方完全透明，避免因分成不透明导致核心渠道退场。",
    "重新梳理了双方的共同利益，找到了新的增长点和资源互补方式。",
    "对方坦言最近产品难卖、人员流动大，我们答应协调资源帮忙兜底。",
    "审批环节过多导致反馈慢，双方同意简化合作流程。",
    "针对本期合作设定了激励目标，完成有资源和流量倾斜，拖延则优先级降低。",
    "初期合作靠人情破冰，规模扩大后分成协议和任务台账必须落实到纸面。",
    "制度不宜太死板，特殊情况下允许对分成比例做灵活调整。",
    "设定了季度和年度分成，达标有额外激励，双方都有动力长期投入。",
    "我们主动分享了市场动态和产品升级计划，对方很认可。",
    "考虑与对方做联名活动和联合客户服务，把品牌绑定在一起。",
    "约定每季度做一次合作复盘，聊成果和问题，及时调整资源倾斜政策。",
    "核心渠道每月进行深度共创会议，产品开发参与度明显提升。",
    "新兴渠道快速调试政策，试点创新型市场方案。",
    "普通渠道采用标准化服务包，自动发放激励和培训资源。",
    "与战略渠道商定联合举办行业论坛，共同开发新市场。",
    "渠道意见反馈率明显提升，市场活动投入产出比改善。",
    "对方希望我们为其提供更多市场、技术和数据支持。",
    "双方同意不再一刀切，按渠道分层制定差异化维护策略。",
    "本次拜访对方库存偏高，建议下月先消化库存再补货。",
    "对方希望新品上市前获得样机和培训资料。",
)

NOTES_EN = (
    "The partner reported slower payments and asked us to speed up rebate settlement.",
    "We spent most of the time on their own growth plans, not only on price and rebates.",
    "Both sides agreed to set the quarterly targets together rather than hand them down.",
    "Sales and margin figures will be shared monthly so both sides see the same data.",
    "They asked for earlier notice of policy changes and the reasons behind them.",
    "Last quarter's joint campaign under-delivered; we will review why before the next one.",
    "We walked through the revenue-share rules line by line; they found them clearer now.",
    "Training on the new product line is planned for next month.",
    "Their stock level is high; we suggested clearing it before the next order.",
    "They want a co-branded event in the spring and a shared lead list.",
    "Issues raised last time were answered; they confirmed hearing back on each one.",
    "Headcount turnover on their side is hurting sales; we offered onboarding support.",
    "Approval steps are too many; both sides agreed to simplify the order process.",
)

#: our own judgement, typed as note lines marked internal (models.internal_lines):
#: printed in internal packs only, never in the copy left with the partner
NOTES_INTERNAL_ZH = (
    "对方最近回复变慢，原定的合作计划一再拖延，需要关注是否出现躺平迹象。",
    "对方老板对返点不满，私下透露在接触竞品，需重点维护。",
    "对方销售团队执行力偏弱，下季度目标恐难完成，考虑调整资源倾斜。",
)
NOTES_INTERNAL_EN = (
    "Replies from their team have become slower and two commitments slipped again.",
    "Their owner hinted they are talking to a competitor; keep a close eye on them.",
    "Their sales team is weak; next quarter's target looks out of reach.",
)

AGENDA_ZH = (
    "上期行动项回顾", "销售数据与目标对比", "返点与分成结算", "市场活动计划", "渠道方问题反馈",
    "新品培训安排", "库存与回款", "联合目标制定", "下季度资源倾斜", "合作流程优化",
)
AGENDA_EN = (
    "Review of open action items", "Sales against target", "Rebate and revenue-share settlement",
    "Campaign plan", "Partner feedback", "Product training", "Stock and payments",
    "Joint goals for next quarter",
)
DECISIONS_ZH = (
    "下季度目标由双方共同确认，月度复盘。", "返点结算周期缩短至30天。", "下月举办一次联合市场活动。",
    "每月召开一次双向沟通会议。", "分成规则书面确认并共享给渠道方。", "问题提报统一走分级响应流程。",
    "为对方销售团队安排两场产品培训。", "暂缓补货，先消化现有库存。",
)
DECISIONS_EN = (
    "Targets for next quarter agreed together; monthly check-in.",
    "Rebate settlement shortened to 30 days.", "One joint campaign next month.",
    "Monthly two-way meeting from now on.", "Revenue-share rules confirmed in writing.",
)
LOCATIONS_ZH = ("对方会议室", "我司办公室", "线上视频会议", "展厅", "对方门店", "酒店会议室")
LOCATIONS_EN = ("Partner office", "Our office", "Video call", "Showroom", "Trade fair booth")

# --- action items --------------------------------------------------------------------

ACTIONS_ZH = (
    "确认返点结算时间", "提供新品样机和培训资料", "整理上季度销售数据并共享", "协调市场活动费用",
    "回复渠道方关于分成规则的疑问", "安排产品培训", "更新专属政策文件", "跟进库存消化情况",
    "提交联合活动方案", "确认下季度目标", "处理客户投诉并反馈渠道方", "简化订货审批流程",
    "补充终端客户名单", "提供竞品市场动态", "核对回款明细", "确认试点区域政策",
)
ACTIONS_EN = (
    "Confirm rebate payment date", "Send demo units and training material",
    "Share last quarter's sales figures", "Agree campaign budget split",
    "Answer questions on revenue-share rules", "Schedule product training",
    "Update the dedicated policy document", "Follow up on stock clearance",
    "Send the joint campaign proposal", "Confirm next quarter's targets",
)
FEEDBACK_ZH = ("已电话告知对方处理结果", "已在月度会议上同步结果", "已发邮件确认，对方表示满意", "已微信告知渠道负责人")
FEEDBACK_EN = ("Told them by phone", "Confirmed by email; they are satisfied", "Reported back at the monthly meeting")

CHECKLIST_COMMENTS_ZH = ("本期未涉及", "需要下期跟进", "对方有不同意见", "数据尚未共享", "")
CHECKLIST_COMMENTS_EN = ("Not covered this time", "Follow up next period", "")

# --- the method's playbooks (issue 14) ------------------------------------------------

GOAL_SALES_ZH, GOAL_SALES_EN = "年度销售额", "Annual sales"
GOAL_QUARTER_ZH, GOAL_QUARTER_EN = "季度销售额", "Quarterly sales"
GOAL_OTHER_ZH = (("新增门店数", "新开门店（家）", 30), ("认证销售人数", "通过产品认证的销售（人）", 12),
                 ("重点客户复购", "重点客户复购（家）", 20))
GOAL_OTHER_EN = (("New outlets", "Outlets opened", 30), ("Certified sales staff", "Staff certified", 12))
OUR_COMMITMENT_ZH = ("季度产品培训 + 市场基金 5 万元", "旺季前备货支持，账期延长 15 天",
                     "联合营销活动物料与线上推广", "专属客服与 48 小时技术响应")
OUR_COMMITMENT_EN = ("Quarterly product training and a marketing fund", "Stock support before the season",
                     "Joint campaign material and online promotion")
PARTNER_COMMITMENT_ZH = ("新增两名专职销售", "每月共享终端销售数据", "按计划开拓三个新县市",
                         "参加全部季度培训")
PARTNER_COMMITMENT_EN = ("Two more dedicated sales staff", "Share sell-out data monthly",
                         "Attend every quarterly training")
SERVICE_TERMS_ZH = ("专属客服 + 季度上门培训", "优先技术支持，4 小时响应", "")
RISK_TERMS_ZH = ("新品试销费用双方各承担一半", "联合市场投入按 6:4 分担", "")
STAGE_REASONS_ZH = ("首单顺利交付，进入磨合期", "连续两个季度达成目标，合作进入成熟期",
                    "启动联合创新项目，资源进一步开放", "规则与激励已讲清楚，开始试合作")
STAGE_REASONS_EN = ("First orders delivered; running in", "Two quarters on target; now mature",
                    "Joint innovation project started")
TOUCH_NOTES_ZH = {
    "greeting": ("中秋节问候", "春节拜年短信", "生日祝福"),
    "gift": ("中秋月饼礼盒", "新年伴手礼"),
    "call": ("电话了解旺季备货情况", "电话沟通返点结算", "询问新品试销反馈"),
    "message": ("微信同步最新价格政策", "微信发送市场简报"),
    "training": ("线上产品培训：新品功能", "市场推广培训", "门店管理培训"),
}
TOUCH_NOTES_EN = {
    "greeting": ("Season's greetings", "Birthday wishes"),
    "gift": ("Year-end gift",),
    "call": ("Call about stock for the season", "Call about the rebate statement"),
    "message": ("Sent the market brief",),
    "training": ("Online product training", "Sales training"),
}
