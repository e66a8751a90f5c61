<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddMenu</name>
    <message>
        <source>Wait: a length of time</source>
        <translation>等待：一段时间</translation>
    </message>
    <message>
        <source>Wait: for an action</source>
        <translation>等待：客户行为</translation>
    </message>
    <message>
        <source>Reward: points</source>
        <translation>权益：积分</translation>
    </message>
    <message>
        <source>Reward: coupon</source>
        <translation>权益：优惠券</translation>
    </message>
</context>
<context>
    <name>BoardPanel</name>
    <message>
        <source>Plan Board</source>
        <translation>运营计划看板</translation>
    </message>
    <message>
        <source>Search name, id or owner</source>
        <translation>搜索名称、编号或负责人</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>Also list the journey files of a folder</source>
        <translation>同时列出一个文件夹中的旅程文件</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Connect a customer store (File ▸ Customer Store…) or choose a folder of journey files.</source>
        <translation>请连接客户库（文件 ▸ 客户库…），或选择一个存放旅程文件的文件夹。</translation>
    </message>
    <message>
        <source>The board could not be read: %1</source>
        <translation>无法读取看板：%1</translation>
    </message>
    <message>
        <source>Reading the store…</source>
        <translation>正在读取客户库…</translation>
    </message>
    <message>
        <source>No journeys yet: publish one to this store, or choose a folder of journey files.</source>
        <translation>还没有旅程：请向这个客户库发布一个旅程，或选择一个存放旅程文件的文件夹。</translation>
    </message>
    <message>
        <source>%1 of %2 journeys shown.</source>
        <translation>显示 %1 / 共 %2 个旅程。</translation>
    </message>
    <message>
        <source>%1 journeys, %2 of them published.</source>
        <translation>共 %1 个旅程，其中 %2 个已发布。</translation>
    </message>
    <message>
        <source>Folder of journey files</source>
        <translation>旅程文件所在文件夹</translation>
    </message>
    <message>
        <source>Pause “%1”? No one enters and every step waits until it is resumed.</source>
        <translation>暂停「%1」？暂停期间没有客户进入，所有步骤都会等待，直到恢复。</translation>
    </message>
    <message>
        <source>Resume “%1”. Touches that fell due while it was paused:</source>
        <translation>恢复「%1」。暂停期间到期的触达：</translation>
    </message>
    <message>
        <source>Send them now</source>
        <translation>现在补发</translation>
    </message>
    <message>
        <source>Skip them</source>
        <translation>跳过不发</translation>
    </message>
</context>
<context>
    <name>CalendarDialog</name>
    <message>
        <source>Marketing Calendar</source>
        <translation>营销日历</translation>
    </message>
    <message>
        <source>Days ahead:</source>
        <translation>预测天数：</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Journey</source>
        <translation>旅程</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Touches</source>
        <translation>触达次数</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <source>Connect a customer store first (File ▸ Customer Store…).</source>
        <translation>请先连接客户库（文件 ▸ 客户库…）。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Simulating the store forward…</source>
        <translation>正在向后模拟客户库…</translation>
    </message>
    <message>
        <source>%1 touches planned from %2 to %3, by %4 journeys.</source>
        <translation>%2 至 %3 共计划触达 %1 次，来自 %4 个旅程。</translation>
    </message>
    <message>
        <source>It includes the %1 events already dated in the future; customers who have yet to act cannot be foreseen.</source>
        <translation>已计入 %1 条预先排定在未来的事件；尚未发生的客户行为无法预见。</translation>
    </message>
    <message>
        <source>Planned touches per day</source>
        <translation>每日计划触达</translation>
    </message>
    <message>
        <source>%1: %2 touches</source>
        <translation>%1：触达 %2 次</translation>
    </message>
</context>
<context>
    <name>ComparePanel</name>
    <message>
        <source>Compare</source>
        <translation>比较版本</translation>
    </message>
    <message>
        <source>Compare with…</source>
        <translation>与其他版本比较…</translation>
    </message>
    <message>
        <source>Journeys (*.journey.json *.json)</source>
        <translation>旅程文件 (*.journey.json *.json)</translation>
    </message>
    <message>
        <source>Cannot open the journey</source>
        <translation>无法打开旅程</translation>
    </message>
    <message>
        <source>Compare with a published version</source>
        <translation>与已发布版本比较</translation>
    </message>
    <message>
        <source>Published version of &apos;{journey}&apos;:</source>
        <translation>旅程「{journey}」的已发布版本：</translation>
    </message>
    <message>
        <source>Version {version} ({state}, published {at})</source>
        <translation>版本 {version}（{state}，发布于 {at}）</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Connect to a customer store first (File ▸ Connect to Customer Store…).</source>
        <translation>请先连接客户库（文件 ▸ 连接客户库…）。</translation>
    </message>
    <message>
        <source>The store has no published version of &apos;{journey}&apos; yet.</source>
        <translation>客户库中还没有旅程「{journey}」的已发布版本。</translation>
    </message>
    <message>
        <source>No differences from %1</source>
        <translation>与 %1 没有差别</translation>
    </message>
    <message>
        <source>Changes since %1: %2</source>
        <translation>与 %1 相比的改动：%2 处</translation>
    </message>
    <message>
        <source>Leave comparison</source>
        <translation>退出比较</translation>
    </message>
</context>
<context>
    <name>CustomerDrill</name>
    <message>
        <source>Customer</source>
        <translation>客户号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Now at</source>
        <translation>当前所在</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>进入</translation>
    </message>
    <message>
        <source>Passed the step</source>
        <translation>经过该步时间</translation>
    </message>
    <message>
        <source>Moves on at</source>
        <translation>预计离开时间</translation>
    </message>
    <message>
        <source>Customers here…</source>
        <translation>查看这里的客户…</translation>
    </message>
    <message>
        <source>in the journey</source>
        <translation>旅程中</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>left early</source>
        <translation>中途退出</translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message>
        <source>Reached “%1”</source>
        <translation>到达「%1」的客户</translation>
    </message>
    <message>
        <source>Waiting at “%1” now</source>
        <translation>此刻在「%1」等待的客户</translation>
    </message>
    <message>
        <source>Left “%1” by “%2”</source>
        <translation>从「%1」经「%2」离开的客户</translation>
    </message>
    <message>
        <source>Customers — %1</source>
        <translation>客户明细 — %1</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Add tag…</source>
        <translation>添加标签…</translation>
    </message>
    <message>
        <source>Add a tag to the selected customers (all shown, when none is selected)</source>
        <translation>给选中的客户添加标签（未选中时为列表中的全部客户）</translation>
    </message>
    <message>
        <source>Show more</source>
        <translation>显示更多</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Connect the customer store the journey runs in first.</source>
        <translation>请先连接运行这个旅程的客户库。</translation>
    </message>
    <message>
        <source>Finding the customers…</source>
        <translation>正在查找客户…</translation>
    </message>
    <message>
        <source>%1 of %2 shown.</source>
        <translation>显示 %1 / 共 %2 位。</translation>
    </message>
    <message>
        <source>Names and phone numbers are masked; Settings can show them in full.</source>
        <translation>姓名和手机号已脱敏；可在“设置”中选择完整显示。</translation>
    </message>
    <message>
        <source>Export customers</source>
        <translation>导出客户</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Exported %1 customers to %2.</source>
        <translation>已导出 %1 位客户到 %2。</translation>
    </message>
    <message>
        <source>Add tag</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <source>Tag for %1 customers:</source>
        <translation>为 %1 位客户添加的标签：</translation>
    </message>
    <message>
        <source>Tagging…</source>
        <translation>正在添加标签…</translation>
    </message>
    <message>
        <source>%1 customers got the tag.</source>
        <translation>%1 位客户已添加标签。</translation>
    </message>
    <message>
        <source>Reading her path…</source>
        <translation>正在读取客户路径…</translation>
    </message>
    <message>
        <source>Entry (version %1)</source>
        <translation>进入旅程（版本 %1）</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find a step by name or summary</source>
        <translation>按名称或摘要查找节点</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Go to the next match</source>
        <translation>转到下一个匹配项</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>关闭查找栏</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>没有匹配项</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 个，共 %2 个</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>{kind} step</source>
        <translation>{kind}节点</translation>
    </message>
    <message>
        <source>and</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Remove this condition</source>
        <translation>删除此条件</translation>
    </message>
    <message>
        <source>+ Add a detail</source>
        <translation>+ 添加细节条件</translation>
    </message>
    <message>
        <source>This action has no details to test.</source>
        <translation>该行为没有可筛选的细节。</translation>
    </message>
    <message>
        <source>Did</source>
        <translation>做过</translation>
    </message>
    <message>
        <source>Did not</source>
        <translation>没做过</translation>
    </message>
    <message>
        <source>Flip</source>
        <translation>取反</translation>
    </message>
    <message>
        <source>Turn into its opposite: did ↔ did not, fewer than 3 ↔ at least 3</source>
        <translation>改为相反的条件：做过 ↔ 没做过，少于 3 次 ↔ 至少 3 次</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间范围</translation>
    </message>
    <message>
        <source> time</source>
        <translation> 次</translation>
    </message>
    <message>
        <source> times</source>
        <translation> 次</translation>
    </message>
    <message>
        <source>(includes 0)</source>
        <translation>（含 0 次）</translation>
    </message>
    <message>
        <source>(excludes 0)</source>
        <translation>（不含 0 次）</translation>
    </message>
    <message>
        <source>All of these (AND)</source>
        <translation>同时满足以下全部（且）</translation>
    </message>
    <message>
        <source>Any of these (OR)</source>
        <translation>满足以下任一（或）</translation>
    </message>
    <message>
        <source>None of these (NOT)</source>
        <translation>以下都不满足（非）</translation>
    </message>
    <message>
        <source>Remove this group</source>
        <translation>删除此条件组</translation>
    </message>
    <message>
        <source>+ Attribute</source>
        <translation>+ 属性</translation>
    </message>
    <message>
        <source>Add a test on a customer attribute</source>
        <translation>添加一条客户属性条件</translation>
    </message>
    <message>
        <source>+ Did</source>
        <translation>+ 做过</translation>
    </message>
    <message>
        <source>Add a test on what the customer did</source>
        <translation>添加一条客户行为条件</translation>
    </message>
    <message>
        <source>+ Did not</source>
        <translation>+ 没做过</translation>
    </message>
    <message>
        <source>Add a test on what the customer did not do</source>
        <translation>添加一条客户没做过的行为条件</translation>
    </message>
    <message>
        <source>+ Group</source>
        <translation>+ 条件组</translation>
    </message>
    <message>
        <source>Add a group of conditions (AND / OR)</source>
        <translation>添加一组条件（且 / 或）</translation>
    </message>
    <message>
        <source>No conditions yet: everyone matches.</source>
        <translation>尚未添加条件：所有客户都符合。</translation>
    </message>
    <message>
        <source>No conditions yet: nobody matches.</source>
        <translation>尚未添加条件：没有客户符合。</translation>
    </message>
    <message>
        <source>Add the condition to negate.</source>
        <translation>请添加要排除的条件。</translation>
    </message>
    <message>
        <source>Add a condition: until then everyone matches.</source>
        <translation>请添加条件：在此之前所有客户都符合。</translation>
    </message>
    <message>
        <source>separate with commas</source>
        <translation>用逗号分隔</translation>
    </message>
    <message>
        <source>Matching now: {count}</source>
        <translation>当前符合人数：{count}</translation>
    </message>
    <message>
        <source>No customer store is connected.</source>
        <translation>未连接客户数据库，无法估算人数。</translation>
    </message>
    <message>
        <source>Matching now: fill in the condition first</source>
        <translation>当前符合人数：请先把条件填写完整</translation>
    </message>
    <message>
        <source>Matching now: depends on what customers do after they enter, so it cannot be counted in advance</source>
        <translation>当前符合人数：取决于客户进入旅程后的行为，无法提前统计</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在估算…</translation>
    </message>
    <message>
        <source>Counting failed: {problem}</source>
        <translation>估算失败：{problem}</translation>
    </message>
    <message>
        <source>≈ {count:,} customers match now</source>
        <translation>当前约 {count:,} 位客户符合</translation>
    </message>
    <message>
        <source>China</source>
        <translation>北京时间</translation>
    </message>
    <message>
        <source>Hong Kong</source>
        <translation>香港</translation>
    </message>
    <message>
        <source>Taipei</source>
        <translation>台北</translation>
    </message>
    <message>
        <source>Singapore</source>
        <translation>新加坡</translation>
    </message>
    <message>
        <source>Tokyo</source>
        <translation>东京</translation>
    </message>
    <message>
        <source>UTC</source>
        <translation>协调世界时</translation>
    </message>
    <message>
        <source>London</source>
        <translation>伦敦</translation>
    </message>
    <message>
        <source>New York</source>
        <translation>纽约</translation>
    </message>
    <message>
        <source>{name} ({zone})</source>
        <translation>{name}（{zone}）</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>item {number}</source>
        <translation>第 {number} 项</translation>
    </message>
    <message>
        <source>{where}: {message}</source>
        <translation>{where}：{message}</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Duplicate below</source>
        <translation>在下方复制一份</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>+ Add path</source>
        <translation>+ 添加路径</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>+ Add group</source>
        <translation>+ 添加分组</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项</translation>
    </message>
    <message>
        <source>+ Add item</source>
        <translation>+ 添加项</translation>
    </message>
    <message>
        <source>{noun} {number}</source>
        <translation>{noun}{number}</translation>
    </message>
    <message>
        <source>{name} (copy)</source>
        <translation>{name}（副本）</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>目标人群</translation>
    </message>
    <message>
        <source>Customer action</source>
        <translation>客户行为</translation>
    </message>
    <message>
        <source>Action details</source>
        <translation>行为细节</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Repeat rule</source>
        <translation>重复规则</translation>
    </message>
    <message>
        <source>Date field</source>
        <translation>日期字段</translation>
    </message>
    <message>
        <source>Days before (−) / after (+)</source>
        <translation>提前/推后天数</translation>
    </message>
    <message>
        <source>Time of day</source>
        <translation>时刻</translation>
    </message>
    <message>
        <source>Every year</source>
        <translation>每年重复</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>Wait for</source>
        <translation>等待时长</translation>
    </message>
    <message>
        <source>Only on</source>
        <translation>仅限星期</translation>
    </message>
    <message>
        <source>Give up after</source>
        <translation>最长等待</translation>
    </message>
    <message>
        <source>Paths</source>
        <translation>分支路径</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>分流组</translation>
    </message>
    <message>
        <source>Share (%)</source>
        <translation>比例 (%)</translation>
    </message>
    <message>
        <source>Control group (no touch)</source>
        <translation>对照组（不触达）</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>邮件主题</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Send during quiet hours</source>
        <translation>免打扰时段也发送</translation>
    </message>
    <message>
        <source>Ignore frequency caps</source>
        <translation>不受频次上限限制</translation>
    </message>
    <message>
        <source>Benefit</source>
        <translation>权益类型</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>数额</translation>
    </message>
    <message>
        <source>Coupon batch / product code</source>
        <translation>券批次/产品代码</translation>
    </message>
    <message>
        <source>Total budget</source>
        <translation>总预算</translation>
    </message>
    <message>
        <source>Times per customer</source>
        <translation>每人最多领取次数</translation>
    </message>
    <message>
        <source>Set customer fields</source>
        <translation>设置客户属性</translation>
    </message>
    <message>
        <source>Add tags</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <source>Remove tags</source>
        <translation>移除标签</translation>
    </message>
    <message>
        <source>Journey ID</source>
        <translation>旅程编号</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Entry rules</source>
        <translation>进入规则</translation>
    </message>
    <message>
        <source>Re-entry</source>
        <translation>重复进入</translation>
    </message>
    <message>
        <source>Re-entry cooldown</source>
        <translation>再次进入间隔</translation>
    </message>
    <message>
        <source>Sample (%)</source>
        <translation>抽样比例 (%)</translation>
    </message>
    <message>
        <source>Max entries per firing</source>
        <translation>每次触发最多进入人数</translation>
    </message>
    <message>
        <source>Active period</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>转化目标</translation>
    </message>
    <message>
        <source>Within</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Leave the journey on reaching the goal</source>
        <translation>达成目标后退出旅程</translation>
    </message>
    <message>
        <source>Leave early when</source>
        <translation>提前退出条件</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>运算</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Number of points</source>
        <translation>数量 (分)</translation>
    </message>
    <message>
        <source>Total budget (points)</source>
        <translation>总预算 (分)</translation>
    </message>
    <message>
        <source>Number of coupons</source>
        <translation>张数</translation>
    </message>
    <message>
        <source>Coupon batch</source>
        <translation>券批次</translation>
    </message>
    <message>
        <source>Total budget (coupons)</source>
        <translation>总预算 (张)</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额 (元)</translation>
    </message>
    <message>
        <source>Product code</source>
        <translation>产品代码</translation>
    </message>
    <message>
        <source>Total budget (yuan)</source>
        <translation>总预算 (元)</translation>
    </message>
    <message>
        <source>Number of gifts</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Gift code</source>
        <translation>礼品编码</translation>
    </message>
    <message>
        <source>Total budget (gifts)</source>
        <translation>总预算 (件)</translation>
    </message>
    <message>
        <source>Who may enter; empty means everyone.</source>
        <translation>谁可以进入；留空表示所有客户。</translation>
    </message>
    <message>
        <source>Five fields: minute hour day month weekday, in the journey&apos;s time zone, read as crontab reads them: 0 and 7 are Sunday; when both day fields are set (neither starts with *), a day matching either fires.</source>
        <translation>五段：分 时 日 月 星期，按旅程时区，与 crontab 相同；0 和 7 都表示周日；日和星期都指定（都不以 * 开头）时，满足其一即触发。</translation>
    </message>
    <message>
        <source>None ticked means every day.</source>
        <translation>都不勾选表示每天。</translation>
    </message>
    <message>
        <source>Service messages only: not counted against caps.</source>
        <translation>仅限服务类消息：不计入频次上限。</translation>
    </message>
    <message>
        <source>Urgent service messages only.</source>
        <translation>仅限紧急服务消息。</translation>
    </message>
    <message>
        <source>Total this journey version may grant; unticked means no cap.</source>
        <translation>本旅程版本最多发放的总额；不勾选表示不设上限。</translation>
    </message>
    <message>
        <source>Unticked means no limit.</source>
        <translation>不勾选表示不限次数。</translation>
    </message>
    <message>
        <source>Negative means before, e.g. -3.</source>
        <translation>负数表示提前，如 -3 表示提前 3 天。</translation>
    </message>
    <message>
        <source>Control customers get no touch; used to measure lift.</source>
        <translation>对照组客户不收到任何触达，用于衡量效果。</translation>
    </message>
    <message>
        <source>Small rollout: only this share of customers enters.</source>
        <translation>小流量试运行：只让这一比例的客户进入。</translation>
    </message>
    <message>
        <source>After this the customer leaves by &apos;timeout&apos;.</source>
        <translation>超时后客户走“超时”出口。</translation>
    </message>
    <message>
        <source>When a customer does something</source>
        <translation>客户行为触发</translation>
    </message>
    <message>
        <source>Once, at a set time</source>
        <translation>定时触发（一次）</translation>
    </message>
    <message>
        <source>On a repeating schedule</source>
        <translation>周期触发</translation>
    </message>
    <message>
        <source>On a key date</source>
        <translation>关键日期触发</translation>
    </message>
    <message>
        <source>For a length of time</source>
        <translation>等待一段时间</translation>
    </message>
    <message>
        <source>Until a time of day</source>
        <translation>等到某个时刻</translation>
    </message>
    <message>
        <source>Until a date</source>
        <translation>等到某个日期</translation>
    </message>
    <message>
        <source>Until the customer does something</source>
        <translation>等待客户行为</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>Push</source>
        <translation>App 推送</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>In-app message</source>
        <translation>站内信</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>电话外呼</translation>
    </message>
    <message>
        <source>Lead for the relationship manager</source>
        <translation>客户经理线索</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Required: the code the benefit is issued under.</source>
        <translation>必填：发放该权益所用的编码。</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Trial fund</source>
        <translation>体验金</translation>
    </message>
    <message>
        <source>Cash bonus</source>
        <translation>现金红包</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>礼品</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>不可再次进入</translation>
    </message>
    <message>
        <source>After leaving</source>
        <translation>退出后可再次进入</translation>
    </message>
    <message>
        <source>After a cooldown</source>
        <translation>间隔一段时间后可再次进入</translation>
    </message>
    <message>
        <source>Since entering the journey</source>
        <translation>进入旅程以来</translation>
    </message>
    <message>
        <source>In the last…</source>
        <translation>最近一段时间</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>任意时间</translation>
    </message>
    <message>
        <source>equals</source>
        <translation>等于</translation>
    </message>
    <message>
        <source>does not equal</source>
        <translation>不等于</translation>
    </message>
    <message>
        <source>less than</source>
        <translation>小于</translation>
    </message>
    <message>
        <source>at most</source>
        <translation>小于等于</translation>
    </message>
    <message>
        <source>greater than</source>
        <translation>大于</translation>
    </message>
    <message>
        <source>at least</source>
        <translation>大于等于</translation>
    </message>
    <message>
        <source>between</source>
        <translation>介于</translation>
    </message>
    <message>
        <source>is one of</source>
        <translation>是以下之一</translation>
    </message>
    <message>
        <source>is none of</source>
        <translation>不是以下任何一个</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>starts with</source>
        <translation>开头是</translation>
    </message>
    <message>
        <source>is set</source>
        <translation>有值</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>没有值</translation>
    </message>
    <message>
        <source>in the last</source>
        <translation>在过去</translation>
    </message>
    <message>
        <source>in the next</source>
        <translation>在未来</translation>
    </message>
    <message>
        <source>at least</source>
        <comment>how many times</comment>
        <translation>至少</translation>
    </message>
    <message>
        <source>at most</source>
        <comment>how many times</comment>
        <translation>至多</translation>
    </message>
    <message>
        <source>exactly</source>
        <comment>how many times</comment>
        <translation>恰好</translation>
    </message>
    <message>
        <source>not exactly</source>
        <comment>how many times</comment>
        <translation>不是</translation>
    </message>
    <message>
        <source>more than</source>
        <comment>how many times</comment>
        <translation>多于</translation>
    </message>
    <message>
        <source>fewer than</source>
        <comment>how many times</comment>
        <translation>少于</translation>
    </message>
    <message>
        <source>Amount</source>
        <comment>event property</comment>
        <translation>金额</translation>
    </message>
    <message>
        <source>Product</source>
        <comment>event property</comment>
        <translation>产品</translation>
    </message>
    <message>
        <source>Step</source>
        <comment>event property</comment>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Banner</source>
        <comment>event property</comment>
        <translation>横幅</translation>
    </message>
    <message>
        <source>Channel</source>
        <comment>event property</comment>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>Must be at least {ge}</source>
        <translation>不能小于 {ge}</translation>
    </message>
    <message>
        <source>Must be more than {gt}</source>
        <translation>必须大于 {gt}</translation>
    </message>
    <message>
        <source>Must be at most {le}</source>
        <translation>不能大于 {le}</translation>
    </message>
    <message>
        <source>Must be less than {lt}</source>
        <translation>必须小于 {lt}</translation>
    </message>
    <message>
        <source>Must be a whole number</source>
        <translation>请填写整数</translation>
    </message>
    <message>
        <source>Must be a number</source>
        <translation>请填写数字</translation>
    </message>
    <message>
        <source>Must be text</source>
        <translation>请填写文字</translation>
    </message>
    <message>
        <source>At least {min_length} character(s)</source>
        <translation>至少 {min_length} 个字</translation>
    </message>
    <message>
        <source>At most {max_length} character(s)</source>
        <translation>最多 {max_length} 个字</translation>
    </message>
    <message>
        <source>Not in the expected format</source>
        <translation>格式不对</translation>
    </message>
    <message>
        <source>Needs at least {min_length} item(s)</source>
        <translation>至少需要 {min_length} 项</translation>
    </message>
    <message>
        <source>The time needs a time zone</source>
        <translation>时间需要带时区</translation>
    </message>
    <message>
        <source>Not a valid date and time</source>
        <translation>日期时间格式不对</translation>
    </message>
    <message>
        <source>Pick one of the options</source>
        <translation>请选择一个选项</translation>
    </message>
    <message>
        <source>The condition is incomplete</source>
        <translation>条件不完整</translation>
    </message>
    <message>
        <source>must be a time of day written HH:MM, e.g. 09:00</source>
        <translation>时刻请写成 HH:MM，例如 09:00</translation>
    </message>
    <message>
        <source>must be letters, digits, &apos;-&apos;, &apos;_&apos; or &apos;.&apos; (e.g. new-customer-activation)</source>
        <translation>只能用字母、数字、“-”、“_”或“.”（例如 new-customer-activation）</translation>
    </message>
    <message>
        <source>unknown time zone &apos;{name}&apos; (use a name like Asia/Shanghai)</source>
        <translation>未知的时区（请用 Asia/Shanghai 这样的名称）</translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation>未选择</translation>
    </message>
    <message>
        <source>Select a step on the canvas to edit it.</source>
        <translation>在画布上选择一个节点进行编辑。</translation>
    </message>
    <message>
        <source>Step name</source>
        <translation>节点名称</translation>
    </message>
    <message>
        <source>Journey ID:
{id}</source>
        <translation>旅程编号：
{id}</translation>
    </message>
    <message>
        <source>Journey settings</source>
        <translation>旅程设置</translation>
    </message>
    <message>
        <source>No problems in this step.</source>
        <translation>此节点没有问题。</translation>
    </message>
    <message>
        <source>No problems in the journey settings.</source>
        <translation>旅程设置没有问题。</translation>
    </message>
    <message>
        <source>Untitled journey</source>
        <translation>未命名旅程</translation>
    </message>
    <message>
        <source>“{step}”: {field}</source>
        <translation>「{step}」：{field}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>+ Add a field</source>
        <translation>+ 添加属性</translation>
    </message>
    <message>
        <source>Syntax error on line {line}: {reason}</source>
        <translation>模板语法错误（第 {line} 行）：{reason}</translation>
    </message>
    <message>
        <source>Unknown variable: {name}</source>
        <translation>模板用到了未知的变量：{name}</translation>
    </message>
    <message>
        <source>The template does something not allowed.</source>
        <translation>模板中有不允许的操作。</translation>
    </message>
    <message>
        <source>Preview failed: {error}</source>
        <translation>预览失败：{error}</translation>
    </message>
    <message>
        <source>e.g. Hello {{ name }}, …</source>
        <translation>例如：{{ name }}您好，…</translation>
    </message>
    <message>
        <source>Insert</source>
        <translation>插入变量</translation>
    </message>
    <message>
        <source>Preview for a sample customer (张伟):</source>
        <translation>示例客户（张伟）预览：</translation>
    </message>
    <message>
        <source>{units} characters · {segments} SMS ({per} per SMS, Chinese text)</source>
        <translation>{units} 字 · {segments} 条短信（每条 {per} 字，含中文）</translation>
    </message>
    <message>
        <source>{units} characters · {segments} SMS ({per} per SMS)</source>
        <translation>{units} 字 · {segments} 条短信（每条 {per} 字）</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>weeks</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Time in {zone}</source>
        <translation>{zone} 时间</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Not a valid repeat rule: {reason}</source>
        <translation>重复规则无效：{reason}</translation>
    </message>
    <message>
        <source>{path}: {estimate}</source>
        <translation>{path}：{estimate}</translation>
    </message>
    <message>
        <source>fill in the conditions first</source>
        <translation>请先填写完整条件</translation>
    </message>
    <message>
        <source>depends on what customers do after they enter; not counted in advance</source>
        <translation>取决于客户进入旅程后的行为，无法提前统计</translation>
    </message>
    <message>
        <source>≈ {count:,} customer</source>
        <translation>约 {count:,} 位客户</translation>
    </message>
    <message>
        <source>≈ {count:,} customers</source>
        <translation>约 {count:,} 位客户</translation>
    </message>
    <message>
        <source>Customers per path now. A customer takes the first path that matches, so each path counts only those no path above it takes:</source>
        <translation>各路径当前人数：客户走第一条符合条件的路径，所以每条路径只计入上面各路径都不符合的客户：</translation>
    </message>
    <message>
        <source>Counted over every customer in the store as they are now; who reaches this branch also depends on the steps before it.</source>
        <translation>按客户库中所有客户的当前情况统计；实际到达此分支的客户还取决于之前的步骤。</translation>
    </message>
</context>
<context>
    <name>JourneyView</name>
    <message>
        <source>Drag a Trigger from Steps on the left to begin,
or start from a ready-made journey: File → New from Template.</source>
        <translation>从左侧「节点」中拖入一个「触发」开始，
或从现成的旅程开始：文件 → 从模板新建。</translation>
    </message>
    <message>
        <source>+ Add a trigger to begin</source>
        <translation>+ 添加触发，开始旅程</translation>
    </message>
</context>
<context>
    <name>Lifecycle</name>
    <message>
        <source>&amp;Publish to Customer Store</source>
        <translation>发布到客户库(&amp;P)</translation>
    </message>
    <message>
        <source>Publish this journey as a new version in the connected store; a store that requires approval takes only approved content</source>
        <translation>把此旅程作为新版本发布到已连接的客户库；要求审批的客户库只接受已批准的内容</translation>
    </message>
    <message>
        <source>Pa&amp;use in Store</source>
        <translation>在客户库中暂停(&amp;U)</translation>
    </message>
    <message>
        <source>No one enters and every step waits until it is resumed</source>
        <translation>暂停期间不再进入新客户，所有步骤等待恢复</translation>
    </message>
    <message>
        <source>&amp;Resume in Store</source>
        <translation>在客户库中恢复(&amp;R)</translation>
    </message>
    <message>
        <source>Held customers go on where they were</source>
        <translation>暂停中的客户从原处继续</translation>
    </message>
    <message>
        <source>&amp;End in Store…</source>
        <translation>在客户库中结束(&amp;E)…</translation>
    </message>
    <message>
        <source>Stop the journey for good: the customers inside leave it</source>
        <translation>永久停止旅程：旅程中的客户将退出</translation>
    </message>
    <message>
        <source>Connect to a customer store first (File ▸ Connect to Customer Store…).</source>
        <translation>请先连接客户库（文件 ▸ 连接客户库…）。</translation>
    </message>
    <message>
        <source>Asking the customer store…</source>
        <translation>正在请求客户库…</translation>
    </message>
    <message>
        <source>End the journey?</source>
        <translation>结束此旅程？</translation>
    </message>
    <message>
        <source>No one will enter it any more, and the customers inside leave it now. This cannot be undone; publishing it again starts a new version.</source>
        <translation>之后不再有客户进入，旅程中的客户将立即退出。此操作无法撤销；再次发布将开始一个新版本。</translation>
    </message>
    <message>
        <source>Paused version %1 in the store.</source>
        <translation>已在客户库中暂停版本 %1。</translation>
    </message>
    <message>
        <source>Resumed version %1 in the store.</source>
        <translation>已在客户库中恢复版本 %1。</translation>
    </message>
    <message>
        <source>Ended version %1 in the store.</source>
        <translation>已在客户库中结束版本 %1。</translation>
    </message>
    <message>
        <source>Recorded in the review history.</source>
        <translation>已记入审批记录。</translation>
    </message>
    <message>
        <source>Nothing to pause: no version of this journey runs in the store.</source>
        <translation>无可暂停：客户库中没有运行中的版本。</translation>
    </message>
    <message>
        <source>Nothing to resume: this journey is not paused in the store.</source>
        <translation>无可恢复：此旅程在客户库中未暂停。</translation>
    </message>
    <message>
        <source>Nothing to end: this journey has no running or paused version in the store.</source>
        <translation>无可结束：客户库中没有运行中或暂停的版本。</translation>
    </message>
    <message>
        <source>The store did not take it</source>
        <translation>客户库未执行</translation>
    </message>
    <message>
        <source>The customer store could not be reached: %1</source>
        <translation>无法连接客户库：%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Steps</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Step settings</source>
        <translation>节点设置</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Zoom %1%</source>
        <translation>缩放 %1%</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>有未保存的修改</translation>
    </message>
    <message>
        <source>This journey has changes that are not saved. Save them?</source>
        <translation>这个旅程有尚未保存的修改。要保存吗？</translation>
    </message>
    <message>
        <source>Open journey</source>
        <translation>打开旅程</translation>
    </message>
    <message>
        <source>Journeys (*.journey.json *.json)</source>
        <translation>旅程文件 (*.journey.json *.json)</translation>
    </message>
    <message>
        <source>Cannot open the journey</source>
        <translation>无法打开旅程</translation>
    </message>
    <message>
        <source>Save journey</source>
        <translation>保存旅程</translation>
    </message>
    <message>
        <source>Journeys (*.journey.json)</source>
        <translation>旅程文件 (*.journey.json)</translation>
    </message>
    <message>
        <source>Cannot save the journey</source>
        <translation>无法保存旅程</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Export picture</source>
        <translation>导出图片</translation>
    </message>
    <message>
        <source>Restore unsaved work?</source>
        <translation>恢复未保存的内容？</translation>
    </message>
    <message>
        <source>JourneyCanvas closed before this work was saved. Restore it?</source>
        <translation>JourneyCanvas 上次在保存前意外关闭。要恢复当时未保存的内容吗？</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>Nothing to paste: %1</source>
        <translation>无法粘贴：%1</translation>
    </message>
    <message>
        <source>Add step here</source>
        <translation>在此添加节点</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>没有最近打开的文件</translation>
    </message>
    <message>
        <source>No templates found</source>
        <translation>没有找到模板</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>Start a new, empty journey</source>
        <translation>新建一个空白旅程</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a journey file</source>
        <translation>打开旅程文件</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the journey</source>
        <translation>保存旅程</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the journey under a new name</source>
        <translation>以新的文件名保存旅程</translation>
    </message>
    <message>
        <source>Co&amp;mpare with…</source>
        <translation>比较版本(&amp;M)…</translation>
    </message>
    <message>
        <source>Show what changed between another journey file and this one, on the canvas</source>
        <translation>在画布上显示另一个旅程文件与当前旅程之间的改动</translation>
    </message>
    <message>
        <source>Picture (PNG)…</source>
        <translation>图片 (PNG)…</translation>
    </message>
    <message>
        <source>Export the canvas as a PNG picture</source>
        <translation>将画布导出为 PNG 图片</translation>
    </message>
    <message>
        <source>Drawing (SVG)…</source>
        <translation>矢量图 (SVG)…</translation>
    </message>
    <message>
        <source>Export the canvas as an SVG drawing</source>
        <translation>将画布导出为 SVG 矢量图</translation>
    </message>
    <message>
        <source>Document (PDF)…</source>
        <translation>文档 (PDF)…</translation>
    </message>
    <message>
        <source>Review Pack (PDF)…</source>
        <translation>审核资料包 (PDF)…</translation>
    </message>
    <message>
        <source>One PDF for reviewers: the canvas, every step in plain words, the checks, the changes since the approval, comments and history</source>
        <translation>一份给审核人的 PDF：画布、每个步骤的文字说明、检查结果、批准以来的改动、评论和审批记录</translation>
    </message>
    <message>
        <source>Export the canvas as a PDF document</source>
        <translation>将画布导出为 PDF 文档</translation>
    </message>
    <message>
        <source>Language and editing settings</source>
        <translation>界面语言与编辑设置</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Close the window</source>
        <translation>关闭窗口</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Undo the last change</source>
        <translation>撤销上一次修改</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Redo the change you undid</source>
        <translation>重做刚才撤销的修改</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <source>Cut the selected steps</source>
        <translation>剪切选中的节点</translation>
    </message>
    <message>
        <source>Make a copy of the selected steps</source>
        <translation>复制一份选中的节点，放在旁边</translation>
    </message>
    <message>
        <source>Connect to &amp;Customer Store…</source>
        <translation>连接客户库(&amp;C)…</translation>
    </message>
    <message>
        <source>Choose the customer store used for checking conditions and estimating audiences</source>
        <translation>选择用于检查条件和估算人数的客户库</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the selected steps</source>
        <translation>复制选中的节点</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>Paste copied steps</source>
        <translation>粘贴复制的节点</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the selected steps and lines</source>
        <translation>删除选中的节点和连线</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>Select every step</source>
        <translation>选中所有节点</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>Find a step by name or summary</source>
        <translation>按名称或摘要查找节点</translation>
    </message>
    <message>
        <source>Settin&amp;gs…</source>
        <translation>设置(&amp;G)…</translation>
    </message>
    <message>
        <source>Compare with &amp;Published Version…</source>
        <translation>与已发布版本比较(&amp;P)…</translation>
    </message>
    <message>
        <source>Show what changed between a version published in the customer store and this one</source>
        <translation>在画布上显示客户库中已发布的某个版本与当前旅程的差异</translation>
    </message>
    <message>
        <source>Dup&amp;licate</source>
        <translation>创建副本(&amp;L)</translation>
    </message>
    <message>
        <source>Tid&amp;y Layout</source>
        <translation>整理布局(&amp;Y)</translation>
    </message>
    <message>
        <source>Arrange the steps from left to right</source>
        <translation>将节点从左到右排列整齐</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Make the canvas bigger</source>
        <translation>放大画布</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Make the canvas smaller</source>
        <translation>缩小画布</translation>
    </message>
    <message>
        <source>Zoom to &amp;Fit</source>
        <translation>适合窗口(&amp;F)</translation>
    </message>
    <message>
        <source>Show the whole journey</source>
        <translation>显示整个旅程</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>Show the canvas at 100%</source>
        <translation>以 100% 显示画布</translation>
    </message>
    <message>
        <source>&amp;Snap to Grid</source>
        <translation>对齐网格(&amp;S)</translation>
    </message>
    <message>
        <source>Line steps up on the grid while moving them</source>
        <translation>移动节点时对齐到网格</translation>
    </message>
    <message>
        <source>&amp;User Guide</source>
        <translation>使用指南(&amp;U)</translation>
    </message>
    <message>
        <source>How to build, check and save a journey, beside the canvas</source>
        <translation>在画布旁查看如何搭建、检查和保存旅程</translation>
    </message>
    <message>
        <source>&amp;About JourneyCanvas</source>
        <translation>关于 JourneyCanvas(&amp;A)</translation>
    </message>
    <message>
        <source>Version, Qt version and licence</source>
        <translation>版本、Qt 版本和许可信息</translation>
    </message>
    <message>
        <source>&amp;Minimap</source>
        <translation>小地图(&amp;M)</translation>
    </message>
    <message>
        <source>Show the whole journey in miniature in a corner of the canvas while part of it is out of sight</source>
        <translation>旅程有部分超出窗口时，在画布一角显示整个旅程的缩略图</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>New from &amp;Template</source>
        <translation>从模板新建(&amp;T)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>撤销 %1(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>重做 %1(&amp;R)</translation>
    </message>
    <message>
        <source>About JourneyCanvas</source>
        <translation>关于 JourneyCanvas</translation>
    </message>
    <message>
        <source>User Guide</source>
        <translation>使用指南</translation>
    </message>
    <message>
        <source>JourneyCanvas, version %1</source>
        <translation>JourneyCanvas 版本 %1</translation>
    </message>
    <message>
        <source>Draw, check and run customer journeys for banks and brokerages.</source>
        <translation>为银行和券商绘制、检查并运行客户旅程。</translation>
    </message>
    <message>
        <source>Built with Qt %1 and PySide6 %2 (Qt for Python, GNU LGPL v3).</source>
        <translation>基于 Qt %1 和 PySide6 %2（Qt for Python，GNU LGPL v3）构建。</translation>
    </message>
    <message>
        <source>Licence: %1</source>
        <translation>许可：%1</translation>
    </message>
    <message>
        <source>Licence: none is declared in this build&apos;s package metadata.</source>
        <translation>许可：此版本的软件包元数据中未声明许可。</translation>
    </message>
</context>
<context>
    <name>NodeItem</name>
    <message>
        <source>Drag to another step to connect “%1”</source>
        <translation>拖到另一个节点上，连接“%1”</translation>
    </message>
    <message>
        <source>Add the next step</source>
        <translation>添加下一步</translation>
    </message>
    <message>
        <source>Add a step after “%1”</source>
        <translation>在“%1”后添加下一步</translation>
    </message>
</context>
<context>
    <name>OperateMenu</name>
    <message>
        <source>O&amp;perate</source>
        <translation>运营(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Simulate…</source>
        <translation>预演(&amp;S)…</translation>
    </message>
    <message>
        <source>Run this journey on a copy of the store for the next days and draw the result on the canvas</source>
        <translation>在客户库的副本上运行这个旅程未来若干天，并把结果画在画布上</translation>
    </message>
    <message>
        <source>Plan &amp;Board</source>
        <translation>运营计划看板(&amp;B)</translation>
    </message>
    <message>
        <source>Every journey with its status and numbers</source>
        <translation>所有旅程及其状态和数据</translation>
    </message>
    <message>
        <source>&amp;Results…</source>
        <translation>结果分析(&amp;R)…</translation>
    </message>
    <message>
        <source>Conversions, A/B results, funnel and attribution of this journey as it runs in the store</source>
        <translation>这个旅程在客户库中运行的转化、A/B 结果、漏斗和归因</translation>
    </message>
    <message>
        <source>Marketing &amp;Calendar…</source>
        <translation>营销日历(&amp;C)…</translation>
    </message>
    <message>
        <source>Planned touches per day and channel for the coming weeks, across all published journeys</source>
        <translation>所有已发布旅程在未来几周每天、每个渠道计划发送的触达</translation>
    </message>
    <message>
        <source>S&amp;tart Local Runtime</source>
        <translation>启动本机运行时(&amp;T)</translation>
    </message>
    <message>
        <source>Run the published journeys of this store live, on this computer, in a process of its own</source>
        <translation>在本机以独立进程实时运行这个客户库中已发布的旅程</translation>
    </message>
    <message>
        <source>St&amp;op Local Runtime</source>
        <translation>停止本机运行时(&amp;O)</translation>
    </message>
    <message>
        <source>Stop the live runtime of this store (it finishes its tick first)</source>
        <translation>停止这个客户库的实时运行时（先完成当前这一轮）</translation>
    </message>
    <message>
        <source>&amp;Live Counts on the Canvas</source>
        <translation>画布上显示实时数据(&amp;L)</translation>
    </message>
    <message>
        <source>Show how many customers reached and wait at each step of this published journey, refreshed while it runs</source>
        <translation>在画布上显示这个已发布旅程每一步到达和等待的客户数，运行时持续刷新</translation>
    </message>
</context>
<context>
    <name>Outlets</name>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Not matched</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>Out of budget</source>
        <translation>预算用完</translation>
    </message>
    <message>
        <source>Otherwise</source>
        <translation>其他情况</translation>
    </message>
    <message>
        <source>Event happened</source>
        <translation>行为发生</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>超时未发生</translation>
    </message>
</context>
<context>
    <name>PaletteWidget</name>
    <message>
        <source>Starts the journey: an event, a date or a schedule</source>
        <translation>旅程的起点：客户行为、日期或定时计划</translation>
    </message>
    <message>
        <source>Lets through only the customers who match</source>
        <translation>只让符合条件的客户继续</translation>
    </message>
    <message>
        <source>Waits for a time, a date or an event</source>
        <translation>等待一段时间、某个日期或某个客户行为</translation>
    </message>
    <message>
        <source>Sends each customer down the first path that matches</source>
        <translation>按条件把客户分到第一条符合的路径</translation>
    </message>
    <message>
        <source>Divides customers at random, e.g. for an A/B test</source>
        <translation>随机分流客户，例如用于 A/B 测试</translation>
    </message>
    <message>
        <source>Sends a message: SMS, push, e-mail, WeChat, call</source>
        <translation>发送消息：短信、推送、邮件、微信、电话</translation>
    </message>
    <message>
        <source>Grants points, a coupon or another benefit</source>
        <translation>发放积分、优惠券或其他权益</translation>
    </message>
    <message>
        <source>Sets customer attributes or tags</source>
        <translation>设置客户属性或标签</translation>
    </message>
</context>
<context>
    <name>PlanBoard</name>
    <message>
        <source>Journey</source>
        <translation>旅程</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>触发方式</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>最近变更</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>进入</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Converted</source>
        <translation>已转化</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>转化率</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Held back</source>
        <translation>被拦截</translation>
    </message>
    <message>
        <source>Last 14 days</source>
        <translation>近 14 天</translation>
    </message>
    <message>
        <source>event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>once</source>
        <translation>定时一次</translation>
    </message>
    <message>
        <source>recurring</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>key date</source>
        <translation>关键日期</translation>
    </message>
    <message>
        <source>cap</source>
        <translation>频控</translation>
    </message>
    <message>
        <source>no consent</source>
        <translation>未授权</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>暂停期间</translation>
    </message>
    <message>
        <source>Entries per day: %1</source>
        <translation>每日进入：%1</translation>
    </message>
    <message>
        <source>cannot be read</source>
        <translation>无法读取</translation>
    </message>
</context>
<context>
    <name>ProgressRow</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ResultsDialog</name>
    <message>
        <source>Results — %1</source>
        <translation>结果分析 — %1</translation>
    </message>
    <message>
        <source>Funnel events:</source>
        <translation>漏斗事件：</translation>
    </message>
    <message>
        <source>event names, separated by commas</source>
        <translation>事件名，用逗号分隔</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Connect the customer store the journey runs in first.</source>
        <translation>请先连接运行这个旅程的客户库。</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>%1 entries, %2 converted to the goal (%3).</source>
        <translation>进入 %1 人次，%2 人次达成目标（%3）。</translation>
    </message>
    <message>
        <source>Conversion over time</source>
        <translation>转化趋势</translation>
    </message>
    <message>
        <source>Conversion rate so far (%)</source>
        <translation>累计转化率（%）</translation>
    </message>
    <message>
        <source>Conversions</source>
        <translation>转化</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>进入</translation>
    </message>
    <message>
        <source>Split “%1”</source>
        <translation>分流「%1」</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Entrants</source>
        <translation>进入</translation>
    </message>
    <message>
        <source>Converted</source>
        <translation>已转化</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>转化率</translation>
    </message>
    <message>
        <source>Uplift vs holdout</source>
        <translation>相对对照组提升</translation>
    </message>
    <message>
        <source>95% interval</source>
        <translation>95% 置信区间</translation>
    </message>
    <message>
        <source>p-value</source>
        <translation>p 值</translation>
    </message>
    <message>
        <source>pp</source>
        <translation>个百分点</translation>
    </message>
    <message>
        <source> (holdout)</source>
        <translation>（对照组）</translation>
    </message>
    <message>
        <source>Funnel of the entrants</source>
        <translation>进入客户的转化漏斗</translation>
    </message>
    <message>
        <source>entered</source>
        <translation>进入旅程</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <source>Conversions credited to channels</source>
        <translation>按渠道归因的转化</translation>
    </message>
    <message>
        <source>First touch</source>
        <translation>首次触达</translation>
    </message>
    <message>
        <source>Last touch</source>
        <translation>末次触达</translation>
    </message>
    <message>
        <source>Linear</source>
        <translation>平均分配</translation>
    </message>
</context>
<context>
    <name>ReviewController</name>
    <message>
        <source>&amp;Review</source>
        <translation>审核(&amp;R)</translation>
    </message>
    <message>
        <source>Comments and review</source>
        <translation>评论与审核</translation>
    </message>
    <message>
        <source>&amp;Submit for Review</source>
        <translation>提交审核(&amp;S)</translation>
    </message>
    <message>
        <source>Ask someone else to review the journey; it cannot be changed while in review</source>
        <translation>请另一个人审核旅程；审核期间旅程不能修改</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>批准(&amp;A)</translation>
    </message>
    <message>
        <source>Approve the journey as it is (not your own edit)</source>
        <translation>按当前内容批准旅程（不能批准自己的改动）</translation>
    </message>
    <message>
        <source>Request &amp;Changes…</source>
        <translation>退回修改(&amp;C)…</translation>
    </message>
    <message>
        <source>Send the journey back for changes, with a note</source>
        <translation>把旅程退回修改，并附上说明</translation>
    </message>
    <message>
        <source>Review &amp;History</source>
        <translation>审核记录(&amp;H)</translation>
    </message>
    <message>
        <source>Who submitted, approved or sent back the journey, and when</source>
        <translation>谁在何时提交、批准或退回了旅程</translation>
    </message>
    <message>
        <source>Review status: %1</source>
        <translation>审核状态：%1</translation>
    </message>
    <message>
        <source>The file says %1, but its content changed since: a draft again</source>
        <translation>文件记录为「%1」，但之后内容有改动：已回到草稿</translation>
    </message>
    <message>
        <source>In review: the steps cannot be changed (comments still can). To change them, the reviewer chooses Review ▸ Request Changes, or approves the journey.</source>
        <translation>审核中：节点不能修改（仍可评论）。如需修改，请审核人选择「审核 ▸ 退回修改」，或批准旅程。</translation>
    </message>
    <message>
        <source>In review: the journey cannot be changed until the reviewer approves it or requests changes</source>
        <translation>审核中：审核人批准或退回修改之前，旅程不能修改</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>不允许</translation>
    </message>
    <message>
        <source>Request changes</source>
        <translation>退回修改</translation>
    </message>
    <message>
        <source>What should be changed?</source>
        <translation>需要修改什么？</translation>
    </message>
    <message>
        <source>Select one step on the canvas to comment on it</source>
        <translation>请先在画布上选中一个节点再评论</translation>
    </message>
</context>
<context>
    <name>ReviewPack</name>
    <message>
        <source>Export review pack</source>
        <translation>导出审核资料包</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Cannot write the review pack</source>
        <translation>无法写入审核资料包</translation>
    </message>
    <message>
        <source>Review pack written</source>
        <translation>审核资料包已导出</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>Comment</source>
        <translation>评论</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>On</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Whole journey</source>
        <translation>整个旅程</translation>
    </message>
    <message>
        <source>(removed step)</source>
        <translation>（已删除的节点）</translation>
    </message>
    <message>
        <source>✓ %1</source>
        <translation>✓ %1</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>评论</translation>
    </message>
    <message>
        <source>History</source>
        <translation>审核记录</translation>
    </message>
    <message>
        <source>Write a comment or a reply…</source>
        <translation>写下评论或回复…</translation>
    </message>
    <message>
        <source>Comment on step</source>
        <translation>评论节点</translation>
    </message>
    <message>
        <source>Comment on the step selected on the canvas</source>
        <translation>评论画布上选中的节点</translation>
    </message>
    <message>
        <source>Comment on journey</source>
        <translation>评论旅程</translation>
    </message>
    <message>
        <source>Comment on the journey as a whole</source>
        <translation>评论整个旅程</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Reply to the chosen comment</source>
        <translation>回复选中的评论</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the chosen comment (only its author can)</source>
        <translation>删除选中的评论（仅作者本人可删除）</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>标为已解决</translation>
    </message>
    <message>
        <source>Mark the chosen comment as open again</source>
        <translation>把选中的评论重新标为未解决</translation>
    </message>
    <message>
        <source>Mark the chosen comment as dealt with</source>
        <translation>把选中的评论标为已解决</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>From → to</source>
        <translation>状态变化</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容指纹</translation>
    </message>
    <message>
        <source>%1 open comment(s), %2 in all: click to read them</source>
        <translation>%1 条未解决评论，共 %2 条：点击查看</translation>
    </message>
</context>
<context>
    <name>RuntimeControl</name>
    <message>
        <source>Runtime: cannot tell (%1)</source>
        <translation>运行时：无法判断（%1）</translation>
    </message>
    <message>
        <source>Runtime: stopped</source>
        <translation>运行时：已停止</translation>
    </message>
    <message>
        <source>No live runtime runs this store; published journeys wait.</source>
        <translation>没有实时运行时在运行这个客户库；已发布的旅程处于等待状态。</translation>
    </message>
    <message>
        <source>Runtime: running · last tick %1 · lag %2 s</source>
        <translation>运行时：运行中 · 最近一轮 %1 · 延迟 %2 秒</translation>
    </message>
    <message>
        <source>%1 failures</source>
        <translation>%1 个故障</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Runs on %1, process %2.</source>
        <translation>运行于%1，进程 %2。</translation>
    </message>
    <message>
        <source>Connect a customer store first (File ▸ Customer Store…).</source>
        <translation>请先连接客户库（文件 ▸ 客户库…）。</translation>
    </message>
    <message>
        <source>A live runtime already runs this store (process %1).</source>
        <translation>已有实时运行时在运行这个客户库（进程 %1）。</translation>
    </message>
    <message>
        <source>The runtime did not start: %1</source>
        <translation>运行时未能启动：%1</translation>
    </message>
    <message>
        <source>The runtime of this store runs on %1; stop it there.</source>
        <translation>这个客户库的运行时运行在 %1 上，请在那里停止它。</translation>
    </message>
    <message>
        <source>No live runtime runs this store.</source>
        <translation>没有实时运行时在运行这个客户库。</translation>
    </message>
    <message>
        <source>The runtime did not stop in time; it may still be finishing a tick.</source>
        <translation>运行时未能及时停止，可能仍在完成当前这一轮。</translation>
    </message>
    <message>
        <source>Local runtime</source>
        <translation>本机运行时</translation>
    </message>
    <message>
        <source>this journey is not published in the store</source>
        <translation>这个旅程尚未在客户库中发布</translation>
    </message>
    <message>
        <source>reached %1</source>
        <translation>到达 %1</translation>
    </message>
    <message>
        <source>waiting %1</source>
        <translation>等待中 %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Snap steps to the grid</source>
        <translation>移动节点时对齐网格</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>Shown on your comments and review steps; approving needs a name other than the last editor&apos;s</source>
        <translation>显示在您的评论和审核操作上；批准人必须不是最后编辑者</translation>
    </message>
    <message>
        <source>SMS price per message</source>
        <translation>每条短信价格</translation>
    </message>
    <message>
        <source>Used for the cost forecast of a simulation</source>
        <translation>用于预演的费用估算</translation>
    </message>
    <message>
        <source>Show customers&apos; names and phone numbers in full</source>
        <translation>完整显示客户姓名和手机号</translation>
    </message>
    <message>
        <source>Off: drill-down tables mask them, e.g. 张* and 138****5678</source>
        <translation>关闭时，下钻表格会遮蔽它们，例如 张* 和 138****5678</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
</context>
<context>
    <name>SimulationPanel</name>
    <message>
        <source>Simulation</source>
        <translation>预演</translation>
    </message>
    <message>
        <source>Days ahead:</source>
        <translation>预演天数：</translation>
    </message>
    <message>
        <source>Run simulation</source>
        <translation>运行预演</translation>
    </message>
    <message>
        <source>On a copy of the store: nothing is sent and the store is not changed</source>
        <translation>在客户库的副本上运行：不会发送任何消息，也不会改动客户库</translation>
    </message>
    <message>
        <source>Collision forecast</source>
        <translation>碰撞预测</translation>
    </message>
    <message>
        <source>How many of this journey&apos;s touches the frequency caps would hold back because of the other published journeys</source>
        <translation>其他已发布旅程会让频控拦下这个旅程的多少次触达</translation>
    </message>
    <message>
        <source>Clear numbers</source>
        <translation>清除数字</translation>
    </message>
    <message>
        <source>Simulate the journey on the customers of the store for the coming days, before publishing it.</source>
        <translation>发布之前，先用客户库里的客户预演这个旅程未来几天的效果。</translation>
    </message>
    <message>
        <source>Connect a customer store first (File ▸ Customer Store…).</source>
        <translation>请先连接客户库（文件 ▸ 客户库…）。</translation>
    </message>
    <message>
        <source>The simulation failed: %1</source>
        <translation>预演失败：%1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Simulating…</source>
        <translation>正在预演…</translation>
    </message>
    <message>
        <source>Forecasting collisions…</source>
        <translation>正在预测碰撞…</translation>
    </message>
    <message>
        <source>reached %1</source>
        <translation>到达 %1</translation>
    </message>
    <message>
        <source>waiting %1</source>
        <translation>等待中 %1</translation>
    </message>
    <message>
        <source>%1 to %2: %3 customers enter, %4 convert to the goal.</source>
        <translation>%1 至 %2：%3 位客户进入，%4 位达成目标。</translation>
    </message>
    <message>
        <source>The journey changed since this simulation: run it again to see the change.</source>
        <translation>预演之后旅程已修改：请重新运行预演查看修改后的结果。</translation>
    </message>
    <message>
        <source>%1: %2 sent, %3 held back, cost %4.</source>
        <translation>%1：发送 %2 条，拦截 %3 条，费用 %4。</translation>
    </message>
    <message>
        <source>This exact journey is already published in the store: the numbers on the canvas include what it did before.</source>
        <translation>这个旅程（内容完全相同）已在客户库中发布：画布上的数字包含它此前的运行结果。</translation>
    </message>
    <message>
        <source>%1: %2 granted; the budget of %3 runs out on %4.</source>
        <translation>%1：已发放 %2；预算 %3 将于 %4 用完。</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>%1: %2 granted of a budget of %3.</source>
        <translation>%1：已发放 %2，预算 %3。</translation>
    </message>
    <message>
        <source>Touches per day</source>
        <translation>每日触达</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Message cost per day</source>
        <translation>每日消息费用</translation>
    </message>
    <message>
        <source>Granted so far</source>
        <translation>累计发放</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Reward budget: %1</source>
        <translation>权益预算：%1</translation>
    </message>
    <message>
        <source>Conversions</source>
        <translation>转化</translation>
    </message>
    <message>
        <source>Expected conversions per day</source>
        <translation>每日预计转化</translation>
    </message>
    <message>
        <source>Collision forecast: this store has no frequency caps, so no journey holds back another&apos;s touches.</source>
        <translation>碰撞预测：这个客户库没有设置频控，旅程之间不会互相拦截触达。</translation>
    </message>
    <message>
        <source>Collision forecast: this journey sends nothing in these days.</source>
        <translation>碰撞预测：这个旅程在这些天里不发送任何触达。</translation>
    </message>
    <message>
        <source>Collision forecast: %1 of %2 touches (%3) would be held back by the frequency caps because of other journeys.</source>
        <translation>碰撞预测：%2 次触达中有 %1 次（%3）会因其他旅程而被频控拦截。</translation>
    </message>
    <message>
        <source>Taken by: %1.</source>
        <translation>占用频次的旅程：%1。</translation>
    </message>
</context>
<context>
    <name>StoreConnection</name>
    <message>
        <source>“%1” is not a database address. Use, for example, sqlite:///var/demo.db</source>
        <translation>“%1”不是数据库地址。请参照这样填写：sqlite:///var/demo.db</translation>
    </message>
    <message>
        <source>There is no file at %1. Create a store with “journey-runtime init”, or choose another file.</source>
        <translation>找不到文件 %1。请先用“journey-runtime init”创建客户库，或选择其他文件。</translation>
    </message>
    <message>
        <source>The customer store at %1 cannot be opened: %2</source>
        <translation>无法打开客户库 %1：%2</translation>
    </message>
</context>
<context>
    <name>StoreDialog</name>
    <message>
        <source>Connect to customer store</source>
        <translation>连接客户库</translation>
    </message>
    <message>
        <source>The customer store supplies the attributes and events your conditions may use, and the live audience estimate. Enter a database address or choose a file.</source>
        <translation>客户库提供条件中可用的客户属性和行为，并用于实时估算人数。请输入数据库地址，或选择一个文件。</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Choose a customer store</source>
        <translation>选择客户库</translation>
    </message>
    <message>
        <source>Customer stores (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation>客户库 (*.db *.sqlite *.sqlite3);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Enter the address of a customer store.</source>
        <translation>请输入客户库的地址。</translation>
    </message>
    <message>
        <source>Opening the store…</source>
        <translation>正在打开客户库…</translation>
    </message>
</context>
<context>
    <name>StoreStatus</name>
    <message>
        <source>This journey is paused in the store: %1 — see Problems.</source>
        <translation>此旅程在客户库中已自动暂停：%1，详见「问题」面板。</translation>
    </message>
    <message>
        <source>Store: %1 · %2 customers</source>
        <translation>客户库：%1 · %2 位客户</translation>
    </message>
    <message>
        <source>Conditions are checked against this store, and audiences are estimated from it. Click to connect another store.</source>
        <translation>条件按这个客户库检查，人数也按它估算。点击可连接其他客户库。</translation>
    </message>
    <message>
        <source>Store: opening %1…</source>
        <translation>客户库：正在打开 %1…</translation>
    </message>
    <message>
        <source>Store: not connected</source>
        <translation>客户库：未连接</translation>
    </message>
    <message>
        <source>Click to choose a customer store.</source>
        <translation>点击选择客户库。</translation>
    </message>
</context>
<context>
    <name>ValidationPanel</name>
    <message>
        <source>This journey is paused in the store: %1 (step &apos;%2&apos;). Fix it, then resume it with journey-runtime resume.</source>
        <translation>此旅程在客户库中已自动暂停：%1（节点「%2」）。修正后用 journey-runtime resume 恢复。</translation>
    </message>
    <message>
        <source>This journey is paused in the store: %1. Fix it, then resume it with journey-runtime resume.</source>
        <translation>此旅程在客户库中已自动暂停：%1。修正后用 journey-runtime resume 恢复。</translation>
    </message>
    <message>
        <source>The store says: %1</source>
        <translation>客户库报告：%1</translation>
    </message>
    <message>
        <source>Click to show this step</source>
        <translation>点击查看这个节点</translation>
    </message>
    <message>
        <source>Nothing to check yet: the journey is empty.</source>
        <translation>旅程还是空的，暂无需要检查的内容。</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>没有发现问题。</translation>
    </message>
    <message>
        <source>1 error</source>
        <translation>1 个错误</translation>
    </message>
    <message>
        <source>%1 errors</source>
        <translation>%1 个错误</translation>
    </message>
    <message>
        <source>1 warning</source>
        <translation>1 个警告</translation>
    </message>
    <message>
        <source>%1 warnings</source>
        <translation>%1 个警告</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>commands</name>
    <message>
        <source>Add step</source>
        <translation>添加节点</translation>
    </message>
    <message>
        <source>Delete steps</source>
        <translation>删除节点</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Remove connection</source>
        <translation>删除连线</translation>
    </message>
    <message>
        <source>Move steps</source>
        <translation>移动节点</translation>
    </message>
    <message>
        <source>Tidy layout</source>
        <translation>整理布局</translation>
    </message>
    <message>
        <source>Edit step settings</source>
        <translation>修改节点设置</translation>
    </message>
    <message>
        <source>Rename step</source>
        <translation>重命名节点</translation>
    </message>
    <message>
        <source>Edit journey settings</source>
        <translation>修改旅程设置</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>剪切</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>创建副本</translation>
    </message>
    <message>
        <source>Add “%1” after “%2”</source>
        <translation>在「%2」后添加「%1」</translation>
    </message>
    <message>
        <source>Add “%1” after “%2” › %3</source>
        <translation>在「%2」的「%3」后添加「%1」</translation>
    </message>
    <message>
        <source>Add comment</source>
        <translation>添加评论</translation>
    </message>
    <message>
        <source>Reply to comment</source>
        <translation>回复评论</translation>
    </message>
    <message>
        <source>Resolve comment</source>
        <translation>解决评论</translation>
    </message>
    <message>
        <source>Reopen comment</source>
        <translation>重新打开评论</translation>
    </message>
    <message>
        <source>Delete comment</source>
        <translation>删除评论</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Request changes</source>
        <translation>退回修改</translation>
    </message>
    <message>
        <source>Record publishing</source>
        <translation>记录发布</translation>
    </message>
    <message>
        <source>Record pause</source>
        <translation>记录暂停</translation>
    </message>
    <message>
        <source>Record resume</source>
        <translation>记录恢复</translation>
    </message>
    <message>
        <source>Record end</source>
        <translation>记录结束</translation>
    </message>
</context>
</TS>
