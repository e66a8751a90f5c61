<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
    <name>InspectorHost</name>
    <message>
        <source>Select a step to see its settings here.</source>
        <translation>选择一个节点，在这里查看它的设置。</translation>
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
</context>
<context>
    <name>NodeItem</name>
    <message>
        <source>Drag to another step to connect “%1”</source>
        <translation>拖到另一个节点上，连接“%1”</translation>
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
        <source>Same as the system</source>
        <translation>跟随系统</translation>
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
</context>
</TS>
