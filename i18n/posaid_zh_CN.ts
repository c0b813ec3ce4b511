<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>Already open</source>
        <translation>已经打开</translation>
    </message>
    <message>
        <source>The records are damaged</source>
        <translation>记录文件已损坏</translation>
    </message>
    <message>
        <source>Restore the newest good backup now?</source>
        <translation>现在从最新的完好备份恢复吗？</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>备份已恢复</translation>
    </message>
</context>
<context>
    <name>AttachmentsPane</name>
    <message>
        <source>Add photos of slips or statements</source>
        <translation>添加签购单或对账单照片</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png);;All files (*)</source>
        <translation>照片 (*.jpg *.jpeg *.png);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Add photo…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <source>Add photo</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <source>Photos of the slip, the batch summary and the bank statement help the bank most. You can also drag photos here. JPEG and PNG only.</source>
        <translation>签购单、批次结算单和银行流水的照片对银行最有用。也可以把照片拖到这里。只接受 JPEG 和 PNG。</translation>
    </message>
    <message>
        <source>No photos yet.</source>
        <translation>还没有照片。</translation>
    </message>
    <message>
        <source>Photos and files</source>
        <translation>照片和文件</translation>
    </message>
</context>
<context>
    <name>BackupSettings</name>
    <message>
        <source>{when} — {kind}, {size}</source>
        <translation>{when} — {kind}，{size}</translation>
    </message>
    <message>
        <source>Last backup: {when}</source>
        <translation>上次备份：{when}</translation>
    </message>
    <message>
        <source>No backup has been made yet.</source>
        <translation>还没有做过备份。</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动备份</translation>
    </message>
    <message>
        <source>made by hand</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <source>before an update</source>
        <translation>升级前备份</translation>
    </message>
    <message>
        <source>Choose where to save the copy</source>
        <translation>选择备份副本的保存位置</translation>
    </message>
    <message>
        <source>Backup made: {path}</source>
        <translation>备份已完成：{path}</translation>
    </message>
    <message>
        <source>Choose a backup file</source>
        <translation>选择备份文件</translation>
    </message>
    <message>
        <source>POS Payout Aid backups (*.db);;All files (*)</source>
        <translation>POS 到账助手备份 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Restore this backup?</source>
        <translation>恢复这个备份吗？</translation>
    </message>
    <message>
        <source>The records will be replaced by the backup {name}. Anything changed after that backup was made will not be in it. The current records are kept aside in the data folder, not deleted. Restore now?</source>
        <translation>现有记录将被备份 {name} 替换，备份之后做的修改不会包含在内。现有记录会另存在数据文件夹中，不会被删除。现在恢复吗？</translation>
    </message>
    <message>
        <source>Cannot restore</source>
        <translation>无法恢复</translation>
    </message>
    <message>
        <source>Restoring is switched off while another window uses the records. Close it first.</source>
        <translation>另一个窗口正在使用记录，暂时不能恢复备份。请先关闭那个窗口。</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>备份已恢复</translation>
    </message>
    <message>
        <source>A backup is made automatically once a day when the program starts. Make one by hand before big changes, and now and then save a copy to a USB stick.</source>
        <translation>程序每天启动时会自动备份一次。做大的改动前请手动备份，并不时把副本存到U盘上。</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>Save a &amp;copy to…</source>
        <translation>备份到其他位置(&amp;C)…</translation>
    </message>
    <message>
        <source>Backups in the data &amp;folder (newest first):</source>
        <translation>数据文件夹中的备份（最新的在前）(&amp;F)：</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份列表</translation>
    </message>
    <message>
        <source>&amp;Restore selected backup…</source>
        <translation>恢复选中的备份(&amp;R)…</translation>
    </message>
    <message>
        <source>Restore from a &amp;file…</source>
        <translation>从文件恢复(&amp;F)…</translation>
    </message>
</context>
<context>
    <name>CallNowPanel</name>
    <message>
        <source>Call {name}: {number}</source>
        <translation>打给{name}：{number}</translation>
    </message>
    <message>
        <source>Call the acquirer named on the slip or the sticker.</source>
        <translation>打给签购单或机身贴纸上写的收单机构。</translation>
    </message>
    <message>
        <source>Reported the missing payment; they promised a reply.</source>
        <translation>报告了这笔没到账的款项，对方承诺答复。</translation>
    </message>
    <message>
        <source>Reported the missing payment; they promised the money.</source>
        <translation>报告了这笔没到账的款项，对方承诺到账。</translation>
    </message>
    <message>
        <source>Reported the missing payment.</source>
        <translation>报告了这笔没到账的款项。</translation>
    </message>
    <message>
        <source>Say whom you called first.</source>
        <translation>请先选择或填写打给了谁。</translation>
    </message>
    <message>
        <source>Call noted. The case is now “{status}”.</source>
        <translation>已记下这次通话。这件事现在是“{status}”。</translation>
    </message>
    <message>
        <source>Call now</source>
        <translation>马上打电话</translation>
    </message>
    <message>
        <source>Whom to call</source>
        <translation>打给谁</translation>
    </message>
    <message>
        <source>Ticket no. they give you</source>
        <translation>对方给的工单号</translation>
    </message>
    <message>
        <source>They promised</source>
        <translation>对方承诺</translation>
    </message>
    <message>
        <source>By (date)</source>
        <translation>日期（在此之前）</translation>
    </message>
    <message>
        <source>Read this out (the numbers are from your case):</source>
        <translation>照着念（号码都来自这件事）：</translation>
    </message>
    <message>
        <source>What to say on the phone</source>
        <translation>电话里要说的话</translation>
    </message>
    <message>
        <source>e.g. the work order number</source>
        <translation>例如：工单号、受理编号</translation>
    </message>
    <message>
        <source>No date given</source>
        <translation>没有给日期</translation>
    </message>
    <message>
        <source>A reply by a date</source>
        <translation>在某天前答复</translation>
    </message>
    <message>
        <source>The money by a date</source>
        <translation>在某天前到账</translation>
    </message>
    <message>
        <source>Note this call</source>
        <translation>记下这次通话</translation>
    </message>
    <message>
        <source>Make the evidence packet…</source>
        <translation>生成证据材料包…</translation>
    </message>
</context>
<context>
    <name>CardConfirm</name>
    <message>
        <source>merchant number</source>
        <translation>商户编号</translation>
    </message>
    <message>
        <source>terminal number</source>
        <translation>终端编号</translation>
    </message>
    <message>
        <source>reference number</source>
        <translation>参考号</translation>
    </message>
    <message>
        <source>voucher number</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <source>batch number</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>authorisation code</source>
        <translation>授权码</translation>
    </message>
    <message>
        <source>order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>wallet merchant ID</source>
        <translation>渠道商户号</translation>
    </message>
    <message>
        <source>ticket number</source>
        <translation>工单号</translation>
    </message>
    <message>
        <source>Is this a card number?</source>
        <translation>这是银行卡号吗？</translation>
    </message>
    <message>
        <source>The {label} “{value}” looks like a bank card number. A full card number must not be kept, and the card goes in the card field only.

Is “{value}” really the {label} printed on the slip?</source>
        <translation>您填的{label}“{value}”看起来像一个银行卡号。完整的银行卡号不能保存，卡号只填在“卡号”一栏。

“{value}”真的是签购单上印的{label}吗？</translation>
    </message>
    <message>
        <source>Yes, it is the {label}: save it unchanged</source>
        <translation>是的，这是{label}，原样保存</translation>
    </message>
    <message>
        <source>No, let me correct it</source>
        <translation>不是，我去改</translation>
    </message>
</context>
<context>
    <name>CheckResultPane</name>
    <message>
        <source>Result of the check</source>
        <translation>排查结果</translation>
    </message>
    <message>
        <source>Continue the check</source>
        <translation>继续排查</translation>
    </message>
    <message>
        <source>Start the check</source>
        <translation>开始排查</translation>
    </message>
    <message>
        <source>The saved answers of this case could not be read ({problem}). Start the check again to see what they point to.</source>
        <translation>这个案件保存的排查回答读不出来（{problem}）。请重新开始排查，看看问题出在哪里。</translation>
    </message>
    <message>
        <source>No check has been done for this case yet. The check asks a few questions about the payment and the terminal, then tells you the likely cause, what to do and whom to call.</source>
        <translation>这个案件还没有排查过。排查会问几个关于这笔款和刷卡机的问题，然后告诉您最可能的原因、接下来怎么做、该打给谁。</translation>
    </message>
</context>
<context>
    <name>ColumnMappingDialog</name>
    <message>
        <source>Column {n}: {name}</source>
        <translation>第 {n} 列：{name}</translation>
    </message>
    <message>
        <source>(not in this file)</source>
        <translation>（文件中没有）</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>正在逐行检查…</translation>
    </message>
    <message>
        <source>Problem: {message}</source>
        <translation>有问题：{message}</translation>
    </message>
    <message numerus="yes">
        <source>Ready: %n row(s) will be imported.</source>
        <translation>
            <numerusform>可以导入：共 %n 行。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed transaction(s)</source>
        <translation>
            <numerusform>%n 笔失败的交易</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n outgoing payment(s)</source>
        <translation>
            <numerusform>%n 笔支出</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n total or note line(s)</source>
        <translation>
            <numerusform>%n 行合计或说明</numerusform>
        </translation>
    </message>
    <message>
        <source>Left out: {lines}.</source>
        <translation>不导入：{lines}。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Problem: the rows could not be read with these columns.</source>
        <translation>有问题：按这样的列设置无法读取表格内容。</translation>
    </message>
    <message>
        <source>Import the POS transaction list</source>
        <translation>导入 POS 交易明细</translation>
    </message>
    <message>
        <source>Import the bank statement</source>
        <translation>导入银行对账单</translation>
    </message>
    <message>
        <source>{name}: choose which column holds each item. The first rows under the header are shown; every row is checked before anything is imported.</source>
        <translation>{name}：请为每一项选择所在的列。下面显示表头下的前几行；导入前会逐行检查。</translation>
    </message>
    <message>
        <source>The column choices from your last import of this layout were used.</source>
        <translation>已沿用上次导入同样格式文件时的列设置。</translation>
    </message>
    <message numerus="yes">
        <source>%n full card number(s) in the file were hidden: only the first 6 and last 4 digits are kept.</source>
        <translation>
            <numerusform>文件中有 %n 个完整卡号，已自动隐藏，只保留前 6 位和后 4 位。</numerusform>
        </translation>
    </message>
    <message>
        <source>This file was imported before; importing it again adds nothing.</source>
        <translation>这个文件之前已经导入过，再次导入不会增加任何内容。</translation>
    </message>
    <message>
        <source>&amp;Header row:</source>
        <translation>表头所在行(&amp;H)：</translation>
    </message>
    <message>
        <source>{field}:</source>
        <translation>{field}：</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>Record a call or visit</source>
        <translation>记录一次电话或上门</translation>
    </message>
    <message>
        <source>Edit call or visit</source>
        <translation>修改联系记录</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Whom you spoke to</source>
        <translation>联系对象</translation>
    </message>
    <message>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Ticket no.</source>
        <translation>工单号</translation>
    </message>
    <message>
        <source>Agent name or staff no.</source>
        <translation>客服姓名或工号</translation>
    </message>
    <message>
        <source>What was said</source>
        <translation>沟通内容</translation>
    </message>
    <message>
        <source>They promised</source>
        <translation>承诺的是</translation>
    </message>
    <message>
        <source>Promised by</source>
        <translation>承诺日期</translation>
    </message>
    <message>
        <source>e.g. {party}</source>
        <translation>例如：{party}</translation>
    </message>
    <message>
        <source>The bank or company and its number</source>
        <translation>银行或公司名称和电话</translation>
    </message>
    <message>
        <source>A reply (they will call back or say why)</source>
        <translation>答复（回电或说明原因）</translation>
    </message>
    <message>
        <source>The money in the account</source>
        <translation>钱到账</translation>
    </message>
    <message>
        <source>The number they gave you, if any</source>
        <translation>对方给的受理编号（如有）</translation>
    </message>
    <message>
        <source>They promised an answer or the money by a date</source>
        <translation>对方承诺在某日前答复或到账</translation>
    </message>
</context>
<context>
    <name>ContactsModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ContactsSettings</name>
    <message>
        <source>Added. Press Save to keep the change.</source>
        <translation>已添加。请按“保存通讯录”保存修改。</translation>
    </message>
    <message>
        <source>Changed. Press Save to keep the change.</source>
        <translation>已修改。请按“保存通讯录”保存修改。</translation>
    </message>
    <message>
        <source>Removed. Press Save to keep the change.</source>
        <translation>已删除。请按“保存通讯录”保存修改。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>N&amp;umber:</source>
        <translation>电话号码(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类别(&amp;K)：</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>e.g. 95588 or 0571-88888888</source>
        <translation>例如：95588 或 0571-88888888</translation>
    </message>
    <message>
        <source>Phone directory</source>
        <translation>电话簿</translation>
    </message>
    <message>
        <source>&amp;Add as new</source>
        <translation>添加为新条目(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Change selected</source>
        <translation>修改选中条目(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Remove selected</source>
        <translation>删除选中条目(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save directory</source>
        <translation>保存通讯录(&amp;S)</translation>
    </message>
</context>
<context>
    <name>DropBox</name>
    <message>
        <source>Choose the POS transaction list</source>
        <translation>选择 POS 交易明细文件</translation>
    </message>
    <message>
        <source>Choose the bank statement</source>
        <translation>选择银行对账单文件</translation>
    </message>
    <message>
        <source>Tables (*.xlsx *.xls *.csv *.txt);;All files (*)</source>
        <translation>表格文件 (*.xlsx *.xls *.csv *.txt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>DuePanel</name>
    <message numerus="yes">
        <source>Late: the money was due on {date}, %n working day(s) ago.</source>
        <translation>
            <numerusform>已逾期：应于 {date} 到账，已晚了 %n 个工作日。</numerusform>
        </translation>
    </message>
    <message>
        <source>Probably due by {date}, but the holiday schedule for {year} is not loaded: not counted as late before the end of {latest}.</source>
        <translation>大概在{date}前到账，但 {year} 年的放假安排还没有导入：{latest}结束前不算逾期。</translation>
    </message>
    <message>
        <source>Due today, {date}. Check your account this evening.</source>
        <translation>今天（{date}）应到账，请今晚再查一下账户。</translation>
    </message>
    <message>
        <source>Not late yet: the money is probably due by {date} (the holiday schedule for {year} is not loaded).</source>
        <translation>还没有逾期：大概在{date}前到账（{year} 年的放假安排还没有导入）。</translation>
    </message>
    <message>
        <source>Not late yet: the money is expected on {date}.</source>
        <translation>还没有逾期：预计 {date} 到账。</translation>
    </message>
    <message>
        <source>The due date cannot be worked out yet.</source>
        <translation>暂时无法算出应到账日期。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something needs your attention</source>
        <translation>请注意</translation>
    </message>
    <message>
        <source>A full card number was found and shortened to the first 6 and last 4 digits before saving. Full card numbers are never kept.</source>
        <translation>发现了完整卡号，保存前已只保留前 6 位和后 4 位。本软件从不保存完整卡号。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong ({error}). Your saved records are not affected. The details could not be logged: neither the data folder nor the temporary folder can be written.</source>
        <translation>发生了意外错误（{error}）。已保存的记录没有受影响。详细情况无法写入日志：数据文件夹和临时文件夹都不能写入。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong ({error}). Your saved records are not affected. The details were written to {log}; please send that file to whoever helps you.</source>
        <translation>发生了意外错误（{error}）。已保存的记录没有受影响。详细情况已写入 {log}，请把这个文件发给帮您处理问题的人。</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>GeneralSettings</name>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Text size:</source>
        <translation>文字大小(&amp;T)：</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>Larger</source>
        <translation>大字</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>文字大小</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>数据文件夹：</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>打开文件夹(&amp;O)</translation>
    </message>
    <message>
        <source>Open the data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <source>Your records, photos, backups and the error log are kept in this folder, on this computer only. To move to a new computer, use File → Export all records (for a new PC) here and File → Import records on the new one.</source>
        <translation>您的记录、照片、备份和错误日志都保存在这个文件夹里，只在这台电脑上。换电脑时，在这台电脑上用“文件 → 导出全部记录（换电脑用）”，再在新电脑上用“文件 → 导入记录”。</translation>
    </message>
</context>
<context>
    <name>HolidaySettings</name>
    <message>
        <source>{year}: official schedule from the State Council notice you imported.</source>
        <translation>{year} 年：正式安排，来自您导入的国务院通知。</translation>
    </message>
    <message>
        <source>{year}: official schedule built into this program.</source>
        <translation>{year} 年：正式安排，程序自带。</translation>
    </message>
    <message>
        <source>{year}: the schedule you entered yourself (marked complete).</source>
        <translation>{year} 年：您自己录入的安排（已标为完整）。</translation>
    </message>
    <message>
        <source>{year}: NOT LOADED. The days below are estimated from recent years (the built-in tables end with {last}); due dates in {year} are only “probably due by …”. Import the State Council notice to make them official.</source>
        <translation>{year} 年：还没有导入。下面的日子是按近几年的放假规律推算的（程序自带的节假日表只到 {last} 年），{year} 年的到账日只能说“大概在……前到账”。请导入国务院通知，让它们成为正式安排。</translation>
    </message>
    <message>
        <source>The {year} schedule was imported; new due dates use it at once.</source>
        <translation>{year} 年的放假安排已导入，之后计算到账日立即按它算。</translation>
    </message>
    <message>
        <source>The date {date} is listed more than once; keep one row.</source>
        <translation>日期 {date} 出现了不止一次，请只保留一行。</translation>
    </message>
    <message>
        <source>Saved to {path}. New settlement dates use it at once.</source>
        <translation>已保存到 {path}。新的到账日期计算会立即使用。</translation>
    </message>
    <message>
        <source>Day off</source>
        <translation>放假</translation>
    </message>
    <message>
        <source>Make-up working day</source>
        <translation>调休上班</translation>
    </message>
    <message>
        <source>Kind of day</source>
        <translation>日子类型</translation>
    </message>
    <message>
        <source>e.g. 春节</source>
        <translation>例如：春节</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Settlement dates skip weekends and public holidays. Each November the State Council publishes next year&apos;s days off and make-up working days (调休): import its notice with the button on the right, so the coming year&apos;s due dates are exact.</source>
        <translation>到账日会跳过周末和法定节假日。国务院每年 11 月前后公布下一年的放假和调休上班日：用右边的按钮导入通知，下一年的到账日就是准确的。</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>年份(&amp;Y)：</translation>
    </message>
    <message>
        <source>Year shown</source>
        <translation>显示的年份</translation>
    </message>
    <message>
        <source>Import the State Council notice…</source>
        <translation>从国务院通知导入…</translation>
    </message>
    <message>
        <source>Paste the State Council notice on next year&apos;s holidays and check it</source>
        <translation>粘贴国务院关于下一年放假安排的通知，核对后保存</translation>
    </message>
    <message>
        <source>Holidays in force</source>
        <translation>正在使用的节假日</translation>
    </message>
    <message>
        <source>Your own corrections (they win over everything above, e.g. a day your acquirer treats differently). File: {path}</source>
        <translation>您自己的更正（优先于上面的一切，例如收单机构另有安排的日子）。文件：{path}</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Holiday corrections</source>
        <translation>节假日更正</translation>
    </message>
    <message>
        <source>&amp;Years entered in full:</source>
        <translation>已完整录入的年份(&amp;Y)：</translation>
    </message>
    <message>
        <source>e.g. 2027</source>
        <translation>例如：2027</translation>
    </message>
    <message>
        <source>Years entered in full</source>
        <translation>已完整录入的年份</translation>
    </message>
    <message>
        <source>&amp;Add a day</source>
        <translation>添加一天(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove selected</source>
        <translation>删除选中行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save holidays</source>
        <translation>保存节假日(&amp;S)</translation>
    </message>
</context>
<context>
    <name>HolidayYearModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Festival</source>
        <translation>节日</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message numerus="yes">
        <source>Still missing: {amount} in %n open incident(s)</source>
        <translation>
            <numerusform>尚未到账：{amount}，共 %n 件未解决</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) overdue: the bank&apos;s promised date has passed. Call again.</source>
        <translation>
            <numerusform>%n 件已过银行承诺的日期，请再次联系。</numerusform>
        </translation>
    </message>
    <message>
        <source>The holiday schedule for {year} is not loaded yet. The State Council publishes it around November; import its notice so that due dates in {year} are exact (until then they are only estimates).</source>
        <translation>{year} 年的放假安排还没有导入。国务院一般在 11 月前后公布；导入通知后，{year} 年的到账日才是准确的（在此之前只是推算）。</translation>
    </message>
    <message>
        <source>Payments not yet in your account</source>
        <translation>还没到账的款项</translation>
    </message>
    <message>
        <source>Money not arrived? Start a check</source>
        <translation>钱没到账？开始排查</translation>
    </message>
    <message>
        <source>Enter the payment and find out why it is missing (Ctrl+N)</source>
        <translation>输入这笔交易，查出为什么没到账（Ctrl+N）</translation>
    </message>
    <message>
        <source>Start a new check</source>
        <translation>开始新的排查</translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation>未解决的问题</translation>
    </message>
    <message>
        <source>Nothing is missing right now. If a card or QR payment has not reached your bank account, press the red button above.</source>
        <translation>目前没有未到账的款项。如果有刷卡或扫码的钱没到银行账户，请按上面的红色按钮。</translation>
    </message>
    <message>
        <source>Double-click a row or press Enter to open it.</source>
        <translation>双击一行或按回车键打开。</translation>
    </message>
    <message>
        <source>Import the notice…</source>
        <translation>导入通知…</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <source>Hide this reminder until next December</source>
        <translation>今年不再提醒，明年 12 月再提醒</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>This picture cannot be shown.</source>
        <translation>这张图片无法显示。</translation>
    </message>
</context>
<context>
    <name>IncidentPage</name>
    <message>
        <source>← Back</source>
        <translation>← 返回</translation>
    </message>
    <message>
        <source>Back to the list</source>
        <translation>返回列表</translation>
    </message>
    <message>
        <source>Continue the check</source>
        <translation>继续排查</translation>
    </message>
    <message>
        <source>Change status…</source>
        <translation>更改状态…</translation>
    </message>
    <message>
        <source>Make evidence packet (Ctrl+P)</source>
        <translation>生成证据材料 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Make evidence packet</source>
        <translation>生成证据材料</translation>
    </message>
    <message>
        <source>Add transaction…</source>
        <translation>添加交易…</translation>
    </message>
    <message>
        <source>Read from slip photo…</source>
        <translation>从签购单照片读取…</translation>
    </message>
    <message>
        <source>Fill a new transaction from a photo of its POS slip (read offline).</source>
        <translation>从签购单照片填写一笔新交易（在本机识别，不联网）。</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Edit transaction</source>
        <translation>修改交易</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete transaction</source>
        <translation>删除交易</translation>
    </message>
    <message>
        <source>Record a call or visit…</source>
        <translation>记录电话或上门…</translation>
    </message>
    <message>
        <source>Edit call or visit</source>
        <translation>修改联系记录</translation>
    </message>
    <message>
        <source>Correct the selected call or visit (Enter or double-click on the row). Status changes are history and cannot be edited.</source>
        <translation>修改选中的联系记录（也可在该行按回车或双击）。状态变更是历史记录，不能修改。</translation>
    </message>
    <message>
        <source>Delete call or visit</source>
        <translation>删除联系记录</translation>
    </message>
    <message>
        <source>Delete the selected call or visit. Status changes are history and cannot be deleted.</source>
        <translation>删除选中的联系记录。状态变更是历史记录，不能删除。</translation>
    </message>
    <message>
        <source>Write down every call: the ticket number and the date they promised. The bank takes a case with a clear timeline more seriously.</source>
        <translation>每次联系都记下来：工单号和对方承诺的日期。时间线清楚，银行会更重视。</translation>
    </message>
    <message>
        <source>Save notes</source>
        <translation>保存备注</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Anything else worth remembering about this case. Never write a full card number.</source>
        <translation>关于这件事的其他情况。请不要写完整卡号。</translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation>交易</translation>
    </message>
    <message>
        <source>Calls, visits and status changes</source>
        <translation>电话、上门和状态变化</translation>
    </message>
    <message>
        <source>Check result</source>
        <translation>排查结果</translation>
    </message>
    <message>
        <source>Calls and visits</source>
        <translation>联系记录</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Case {id}: {title}</source>
        <translation>第 {id} 号：{title}</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>状态：{status}</translation>
    </message>
    <message>
        <source>Opened {date}</source>
        <translation>{date} 登记</translation>
    </message>
    <message>
        <source>Promised by {date}</source>
        <translation>对方承诺 {date} 前处理</translation>
    </message>
    <message>
        <source>Start the check</source>
        <translation>开始排查</translation>
    </message>
    <message>
        <source>Saved. A full card number in the notes was shortened to the first 6 and last 4 digits; full card numbers are never kept.</source>
        <translation>已保存。备注中的完整卡号已只保留前 6 位和后 4 位；本软件从不保存完整卡号。</translation>
    </message>
    <message>
        <source>Notes saved.</source>
        <translation>备注已保存。</translation>
    </message>
    <message numerus="yes">
        <source>Missing: {amount} in %n payment(s)</source>
        <translation>
            <numerusform>未到账：{amount}，共 %n 笔</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IncidentTableModel</name>
    <message>
        <source>Payment date</source>
        <translation>交易时间</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>情况</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Overdue: promised by {date}. Call again</source>
        <translation>已逾期：承诺 {date} 前到账，请再次联系</translation>
    </message>
    <message>
        <source>Bank promised a reply by {date}</source>
        <translation>银行承诺 {date} 前答复</translation>
    </message>
    <message>
        <source>Bank promised the money by {date}</source>
        <translation>银行承诺 {date} 前到账</translation>
    </message>
    <message>
        <source>Bank promised a reply or the money by {date}</source>
        <translation>银行承诺 {date} 前答复或到账</translation>
    </message>
    <message>
        <source>Run the check, then call the acquirer</source>
        <translation>先排查，再联系收单机构</translation>
    </message>
    <message>
        <source>Wait for the reply; note the ticket number</source>
        <translation>等待回复，记下工单号</translation>
    </message>
    <message>
        <source>Waiting for the bank&apos;s answer</source>
        <translation>等待银行答复</translation>
    </message>
</context>
<context>
    <name>IncidentTables</name>
    <message>
        <source>Date and time</source>
        <translation>交易时间</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Paid by</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>Reference no.</source>
        <translation>参考号</translation>
    </message>
    <message>
        <source>Terminal no.</source>
        <translation>终端编号</translation>
    </message>
    <message>
        <source>Voucher no.</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <source>Batch no.</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation>结算周期</translation>
    </message>
    <message>
        <source>Expected on</source>
        <translation>应到账日</translation>
    </message>
    <message>
        <source>Late?</source>
        <translation>是否逾期</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>联系对象</translation>
    </message>
    <message>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Ticket no.</source>
        <translation>工单号</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>客服/工号</translation>
    </message>
    <message>
        <source>What was said</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Promised by</source>
        <translation>承诺日期</translation>
    </message>
    <message>
        <source>Status change</source>
        <translation>状态变化</translation>
    </message>
</context>
<context>
    <name>IntroPage</name>
    <message>
        <source>Welcome to POS Payout Aid</source>
        <translation>欢迎使用 POS 到账助手</translation>
    </message>
    <message>
        <source>When a card or QR payment has not reached your bank account, this program works out when it was due, walks you through the likely causes, tells you whom to call and prepares the papers for the bank.

First, a few details about your shop. They are printed on your POS slips and help the bank find your payment. You can skip this and fill them in later under Settings.</source>
        <translation>刷卡或扫码收的钱没到银行账户时，本程序帮您算出应该哪天到账，一步步排查可能的原因，告诉您该打哪个电话，并为银行准备好材料。

先填写几项店铺信息。这些信息印在POS签购单上，能帮银行找到您的款项。也可以先跳过，以后在“设置”里填写。</translation>
    </message>
    <message>
        <source>&amp;Enter shop details</source>
        <translation>填写店铺信息(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Skip for now</source>
        <translation>先跳过(&amp;S)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>About POS Payout Aid</source>
        <translation>关于 POS 到账助手</translation>
    </message>
    <message>
        <source>POS Payout Aid {version}
Works offline; your records stay on this computer in {folder}.</source>
        <translation>POS 到账助手 {version}
无需联网；您的记录只保存在这台电脑的 {folder}。</translation>
    </message>
    <message>
        <source>POS Payout Aid</source>
        <translation>POS 到账助手</translation>
    </message>
    <message>
        <source>{title} (read-only)</source>
        <translation>{title}（只读）</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>New check</source>
        <translation>新的排查</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Reconcile</source>
        <translation>对账</translation>
    </message>
    <message>
        <source>The table was saved to {path}.</source>
        <translation>表格已保存到 {path}。</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>栏目</translation>
    </message>
    <message>
        <source>Read-only: POS Payout Aid is already open in another window. You can look at the records here, but changes are switched off. Close the other window and start again to make changes.</source>
        <translation>只读模式：POS 到账助手已在另一个窗口中打开。这里可以查看记录，但不能修改。如需修改，请关闭另一个窗口后重新打开本程序。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;New check…</source>
        <translation>新的排查(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Export &amp;table (CSV)…</source>
        <translation>导出表格（CSV）(&amp;T)…</translation>
    </message>
    <message>
        <source>Export &amp;all records (for a new PC)…</source>
        <translation>导出全部记录（换电脑用）(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Import records…</source>
        <translation>导入记录(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Home</source>
        <translation>首页(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>查找(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;ettings</source>
        <translation>设置(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>使用说明(&amp;U)</translation>
    </message>
</context>
<context>
    <name>MerchantForm</name>
    <message>
        <source>The fee rate “{value}” is not between 0 and 5 %. Type it as a percentage, e.g. 0.60 for 0.6 % (it is on your contract or the monthly statement).</source>
        <translation>手续费率“{value}”不在 0 到 5 % 之间。请按百分比填写，例如 0.6 % 就填 0.60（费率写在签约合同或月结单上）。</translation>
    </message>
    <message>
        <source>Shop &amp;name:</source>
        <translation>店铺名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Merchant number (15 digits on the slip):</source>
        <translation>商户编号（签购单上的15位数字）(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Acquirer (company behind the POS):</source>
        <translation>收单机构（POS机所属公司）(&amp;A)：</translation>
    </message>
    <message>
        <source>Settlement &amp;bank:</source>
        <translation>结算银行(&amp;B)：</translation>
    </message>
    <message>
        <source>Account &amp;last 4 digits:</source>
        <translation>结算账户后4位(&amp;L)：</translation>
    </message>
    <message>
        <source>Settlement &amp;cycle:</source>
        <translation>结算周期(&amp;C)：</translation>
    </message>
    <message>
        <source>C&amp;ut-off time:</source>
        <translation>日切时间(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>联系电话(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Fee rate (%):</source>
        <translation>手续费率（%）(&amp;F)：</translation>
    </message>
    <message>
        <source>Fee cap per pa&amp;yment (yuan, optional):</source>
        <translation>单笔封顶（元，可不填）(&amp;Y)：</translation>
    </message>
    <message>
        <source>Shop a&amp;ddress (as registered):</source>
        <translation>经营地址（登记的）(&amp;D)：</translation>
    </message>
    <message>
        <source>Re&amp;gistered name (on the business licence):</source>
        <translation>营业执照名称(&amp;G)：</translation>
    </message>
    <message>
        <source>Account &amp;holder&apos;s name:</source>
        <translation>结算账户户名(&amp;H)：</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>店铺名称</translation>
    </message>
    <message>
        <source>Merchant number</source>
        <translation>商户编号</translation>
    </message>
    <message>
        <source>Acquirer</source>
        <translation>收单机构</translation>
    </message>
    <message>
        <source>Settlement bank</source>
        <translation>结算银行</translation>
    </message>
    <message>
        <source>Account last 4 digits</source>
        <translation>结算账户后4位</translation>
    </message>
    <message>
        <source>Settlement cycle</source>
        <translation>结算周期</translation>
    </message>
    <message>
        <source>Cut-off time</source>
        <translation>日切时间</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Fee rate in per cent</source>
        <translation>手续费率（百分比）</translation>
    </message>
    <message>
        <source>Fee cap per payment in yuan</source>
        <translation>单笔手续费封顶（元）</translation>
    </message>
    <message>
        <source>Shop address</source>
        <translation>经营地址</translation>
    </message>
    <message>
        <source>Registered name on the business licence</source>
        <translation>营业执照上的名称</translation>
    </message>
    <message>
        <source>Settlement account holder&apos;s name</source>
        <translation>结算账户户名</translation>
    </message>
    <message>
        <source>e.g. 老王面馆</source>
        <translation>例如：老王面馆</translation>
    </message>
    <message>
        <source>e.g. 898310058120123</source>
        <translation>例如：898310058120123</translation>
    </message>
    <message>
        <source>e.g. 中国建设银行</source>
        <translation>例如：中国建设银行</translation>
    </message>
    <message>
        <source>only the last 4, e.g. 1234</source>
        <translation>只填后4位，例如 1234</translation>
    </message>
    <message>
        <source>as on the merchant agreement</source>
        <translation>与商户协议上登记的一致</translation>
    </message>
    <message>
        <source>exactly as on the business licence</source>
        <translation>与营业执照上的完全一致</translation>
    </message>
    <message>
        <source>exactly as the bank has it</source>
        <translation>与银行登记的户名完全一致</translation>
    </message>
    <message>
        <source>T+1: the next working day; D+1: the next calendar day; T+0/D+0: the same day</source>
        <translation>T+1：下一个工作日到账；D+1：下一个自然日到账；T+0/D+0：当天到账</translation>
    </message>
    <message>
        <source>The acquirer&apos;s day ends here. Evening (e.g. 23:00): payments from then on count as the next day. After midnight (e.g. 01:00): payments before it still count as the day before.</source>
        <translation>收单机构的一天在这个时间结束。晚上的日切（如 23:00）：这个时间及以后的交易算第二天的；过了午夜的日切（如 01:00）：这个时间之前的交易还算前一天的。</translation>
    </message>
    <message>
        <source>Pays on make-up working days (调休上班日是否结算)</source>
        <translation>调休上班日也结算（调休上班日是否结算）</translation>
    </message>
    <message>
        <source>Tick if the acquirer settles on the Saturdays or Sundays that are official working days (调休上班日). Untick if it pays only on ordinary working days.</source>
        <translation>收单机构在调休上班的周六、周日也结算就勾选；只在平常工作日结算就不勾选。</translation>
    </message>
    <message>
        <source>Pays on make-up working days</source>
        <translation>调休上班日也结算</translation>
    </message>
    <message>
        <source>e.g. 0.60</source>
        <translation>例如 0.60</translation>
    </message>
    <message>
        <source>What the acquirer keeps of each card payment, in per cent (0.60 means 0.6 %). Used to work out how much should reach your account.</source>
        <translation>收单机构从每笔刷卡款中扣的比例，按百分比填写（0.60 即 0.6 %）。用来算出应到账多少钱。</translation>
    </message>
    <message>
        <source>empty: no cap, e.g. 20</source>
        <translation>不填表示不封顶，例如 20</translation>
    </message>
    <message>
        <source>Some contracts cap the fee per payment (e.g. 20 yuan). Leave empty if not.</source>
        <translation>有的合同规定每笔手续费最多收多少（例如 20 元），没有就不填。</translation>
    </message>
</context>
<context>
    <name>MonthGrid</name>
    <message>
        <source>Sale</source>
        <translation>交易</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到账</translation>
    </message>
    <message>
        <source>Hol.</source>
        <translation>假</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>班</translation>
    </message>
    <message>
        <source>Rest</source>
        <translation>休</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>日</translation>
    </message>
</context>
<context>
    <name>NewCheckPage</name>
    <message>
        <source>A full card number was shortened to the first 6 and last 4 digits before saving.</source>
        <translation>完整卡号在保存前已只保留前 6 位和后 4 位。</translation>
    </message>
    <message>
        <source>A full card number in your note was shortened to the first 6 and last 4 digits.</source>
        <translation>您备注中的完整卡号已只保留前 6 位和后 4 位。</translation>
    </message>
    <message>
        <source>1 The payment</source>
        <translation>① 填写交易</translation>
    </message>
    <message>
        <source>2 Questions</source>
        <translation>② 逐项排查</translation>
    </message>
    <message>
        <source>3 Result</source>
        <translation>③ 排查结果</translation>
    </message>
</context>
<context>
    <name>NoticeImportDialog</name>
    <message>
        <source>Read the schedule for {year}: {h} days off and {w} make-up working days. Check the months below against the notice, then save.</source>
        <translation>读出了 {year} 年的安排：放假 {h} 天，调休上班 {w} 天。请对照通知核对下面的月历，再保存。</translation>
    </message>
    <message>
        <source>Days off</source>
        <translation>放假</translation>
    </message>
    <message>
        <source>Make-up working days</source>
        <translation>调休上班</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>没有保存：{reason}</translation>
    </message>
    <message>
        <source>Import the State Council holiday notice</source>
        <translation>从国务院通知导入放假安排</translation>
    </message>
    <message>
        <source>Copy the whole notice “国务院办公厅关于20XX年部分节假日安排的通知” from any news site, title included, and paste it below. Nothing is saved until you press Save.</source>
        <translation>从任何新闻网站复制《国务院办公厅关于20XX年部分节假日安排的通知》全文（连同标题），粘贴到下面。按“保存”之前什么都不会保存。</translation>
    </message>
    <message>
        <source>Paste the notice here, e.g. 一、元旦：1月1日（周五）至3日（周日）放假，共3天。…</source>
        <translation>在这里粘贴通知，例如：一、元旦：1月1日（周五）至3日（周日）放假，共3天。…</translation>
    </message>
    <message>
        <source>Text of the notice</source>
        <translation>通知全文</translation>
    </message>
    <message>
        <source>&amp;Read the notice</source>
        <translation>读取通知(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save as the official schedule</source>
        <translation>保存为正式安排(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>NumberPrompt</name>
    <message>
        <source>The phone directory has no number for “{name}”. Type it once (from the terminal sticker, the slip or the company&apos;s app) and it will be remembered.</source>
        <translation>通讯录里还没有“{name}”的电话。请输入一次（看机身贴纸、签购单或该公司的 App），以后就会记住。</translation>
    </message>
    <message>
        <source>e.g. 95588 or 0571-88888888</source>
        <translation>例如 95588 或 0571-88888888</translation>
    </message>
    <message>
        <source>Phone number of {name}</source>
        <translation>{name}的电话</translation>
    </message>
    <message>
        <source>Remember this number</source>
        <translation>记住这个号码</translation>
    </message>
</context>
<context>
    <name>PacketDialog</name>
    <message>
        <source>Making the packet…</source>
        <translation>正在生成证据材料…</translation>
    </message>
    <message>
        <source>Page {i} of {n}</source>
        <translation>第 {i} 页，共 {n} 页</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) ready. Check them, then print or save.</source>
        <translation>
            <numerusform>已生成 %n 页。请先核对，再打印或保存。</numerusform>
        </translation>
    </message>
    <message>
        <source>The packet could not be made.</source>
        <translation>证据材料生成失败。</translation>
    </message>
    <message>
        <source>Evidence packet case {id} {date}.pdf</source>
        <translation>证据材料 第{id}号 {date}.pdf</translation>
    </message>
    <message>
        <source>Save the evidence packet</source>
        <translation>保存证据材料</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n page(s) to the printer.</source>
        <translation>
            <numerusform>已发送 %n 页到打印机。</numerusform>
        </translation>
    </message>
    <message>
        <source>Printing failed.</source>
        <translation>打印失败。</translation>
    </message>
    <message>
        <source>Evidence packet for case {id}</source>
        <translation>第 {id} 号的证据材料</translation>
    </message>
    <message>
        <source>Packet language:</source>
        <translation>材料语言：</translation>
    </message>
    <message>
        <source>Packet language</source>
        <translation>材料语言</translation>
    </message>
    <message>
        <source>Chinese is what bank staff expect; the packet language does not depend on the language of this program.</source>
        <translation>银行工作人员一般需要中文材料；材料语言与本软件界面语言无关。</translation>
    </message>
    <message>
        <source>Make again</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Preview of the packet pages</source>
        <translation>证据材料预览</translation>
    </message>
</context>
<context>
    <name>PaymentPage</name>
    <message>
        <source>1. The payment that has not arrived</source>
        <translation>1. 没到账的那笔交易</translation>
    </message>
    <message>
        <source>Date and time of the payment</source>
        <translation>交易日期和时间</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>How it was paid</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>Transaction type</source>
        <translation>交易类型</translation>
    </message>
    <message>
        <source>Settlement cycle</source>
        <translation>结算周期</translation>
    </message>
    <message>
        <source>Cut-off time</source>
        <translation>日切时间</translation>
    </message>
    <message>
        <source>e.g. 1280.00</source>
        <translation>例如 1280.00</translation>
    </message>
    <message>
        <source>T+1: next working day. D+1: next calendar day. Ask your acquirer if unsure.</source>
        <translation>T+1：下一个工作日到账；D+1：第二天到账（含周末节假日）。不确定请问收单机构。</translation>
    </message>
    <message>
        <source>The acquirer&apos;s day ends here (often 23:00): payments from then on count as the next day. A cut-off after midnight (e.g. 01:00) means payments before it count as the day before.</source>
        <translation>收单机构的一天在这个时间结束（常见 23:00）：这个时间及以后的交易算第二天的。日切在午夜之后（如 01:00）时，这个时间之前的交易算前一天的。</translation>
    </message>
    <message>
        <source>These numbers are exactly as on my slip; keep them.</source>
        <translation>这些编号和签购单上一样，保留不改。</translation>
    </message>
    <message>
        <source>Next: check step by step</source>
        <translation>下一步：逐项排查</translation>
    </message>
    <message>
        <source>Read from slip photo</source>
        <translation>从签购单照片读取</translation>
    </message>
    <message>
        <source>Fill the payment from a photo of its slip (read offline), or drop one here.</source>
        <translation>从签购单照片填写这笔交易（在本机识别，不联网），也可以把照片拖到这里。</translation>
    </message>
    <message>
        <source>When is it due?</source>
        <translation>什么时候该到账？</translation>
    </message>
    <message>
        <source>Where is it on the slip?</source>
        <translation>编号在签购单哪里？</translation>
    </message>
    <message>
        <source>Slip photo</source>
        <translation>签购单照片</translation>
    </message>
</context>
<context>
    <name>PaymentSlipActions</name>
    <message>
        <source>Numbers on the slip (optional, they help the bank trace it)</source>
        <translation>签购单上的编号（可不填，填了银行更好查）</translation>
    </message>
    <message>
        <source>Reference no. (REF NO.)</source>
        <translation>参考号 (REF NO.)</translation>
    </message>
    <message>
        <source>Merchant no.</source>
        <translation>商户编号</translation>
    </message>
    <message>
        <source>Terminal no.</source>
        <translation>终端编号</translation>
    </message>
    <message>
        <source>Voucher / trace no.</source>
        <translation>凭证号/流水号</translation>
    </message>
    <message>
        <source>Batch no.</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>Authorisation code</source>
        <translation>授权码</translation>
    </message>
    <message>
        <source>Card number (masked)</source>
        <translation>卡号（带星号的）</translation>
    </message>
    <message>
        <source>Order no. (QR payments)</source>
        <translation>订单号（扫码支付）</translation>
    </message>
    <message>
        <source>Wallet merchant ID (QR payments)</source>
        <translation>渠道商户号（扫码支付）</translation>
    </message>
    <message>
        <source>Where is this on the slip?</source>
        <translation>这个在签购单哪里？</translation>
    </message>
    <message>
        <source>Where is {field} on the slip?</source>
        <translation>{field}在签购单哪里？</translation>
    </message>
    <message>
        <source>e.g. 622202******1234</source>
        <translation>例如 622202******1234</translation>
    </message>
    <message>
        <source>A full card number is never kept. It was shortened to {masked} (first 6 and last 4 digits).</source>
        <translation>本软件不保存完整卡号，已改为 {masked}（前 6 位和后 4 位）。</translation>
    </message>
    <message>
        <source>Please check:</source>
        <translation>请核对：</translation>
    </message>
</context>
<context>
    <name>ProfileSettings</name>
    <message>
        <source>Saved. A card number was found and masked.</source>
        <translation>已保存。发现了银行卡号，已自动隐藏中间数字。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>&amp;Save shop details</source>
        <translation>保存店铺信息(&amp;S)</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ReconChart</name>
    <message>
        <source>Expected against received per day</source>
        <translation>每天应到与实到金额</translation>
    </message>
    <message>
        <source>{date}: expected {expected}, received {received}</source>
        <translation>{date}：应到 {expected}，实到 {received}</translation>
    </message>
    <message>
        <source>Due {date}
Expected {expected}
Received {received}</source>
        <translation>应到账日 {date}
应到 {expected}
实到 {received}</translation>
    </message>
    <message numerus="yes">
        <source>%n sale(s) missing</source>
        <translation>
            <numerusform>未到账 %n 笔</numerusform>
        </translation>
    </message>
    <message>
        <source>Import a sales list and a bank statement to see here what should have arrived each day and what did.</source>
        <translation>导入 POS 交易明细和银行对账单后，这里会显示每天应到多少、实到多少。</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Due date (month/day)</source>
        <translation>应到账日（月/日）</translation>
    </message>
    <message>
        <source>Expected (sales net of fees)</source>
        <translation>应到（扣除手续费后）</translation>
    </message>
    <message>
        <source>Received on the statement</source>
        <translation>对账单实到</translation>
    </message>
    <message>
        <source>! = sales missing that day</source>
        <translation>! = 当天有未到账交易</translation>
    </message>
</context>
<context>
    <name>ReconPage</name>
    <message numerus="yes">
        <source>Create an incident from the %n missing sale(s)…</source>
        <translation>
            <numerusform>用这 %n 笔未到账交易新建事件…</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing imported yet.</source>
        <translation>还没有导入任何文件。</translation>
    </message>
    <message>
        <source>Create an incident</source>
        <translation>新建事件</translation>
    </message>
    <message numerus="yes">
        <source>Create one incident carrying the %n missing sale(s) over, so you can follow them up with the bank?</source>
        <translation>
            <numerusform>新建一个事件，把这 %n 笔未到账交易带过去，方便向银行追查吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Incident {id} was created.</source>
        <translation>已新建事件 {id}。</translation>
    </message>
    <message>
        <source>Put the terminal&apos;s sales next to the bank statement: each sale is matched with the credit that should have paid it, net of fees and refunds.</source>
        <translation>把 POS 交易明细和银行对账单放在一起核对：每笔交易都会找到应当结算它的那笔入账（已扣除手续费和退货）。</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <source>All sales</source>
        <translation>全部销售</translation>
    </message>
    <message>
        <source>Unexplained credits</source>
        <translation>无法对应的入账</translation>
    </message>
    <message>
        <source>All statement credits</source>
        <translation>对账单全部入账</translation>
    </message>
    <message>
        <source>&amp;Days from</source>
        <translation>日期从(&amp;D)</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Reconciliation result</source>
        <translation>对账结果</translation>
    </message>
</context>
<context>
    <name>ReconSources</name>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <source>Check the columns, then import.</source>
        <translation>请核对各列的设置，然后导入。</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>没有导入任何内容。</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>正在导入 {name}…</translation>
    </message>
    <message>
        <source>Forget the imported files</source>
        <translation>删除已导入的文件</translation>
    </message>
    <message>
        <source>Remove every imported sales list and bank statement from this computer? Your incidents are not affected.</source>
        <translation>从这台电脑上删除所有已导入的交易明细和银行对账单吗？已记录的事件不受影响。</translation>
    </message>
    <message>
        <source>The imported files were removed.</source>
        <translation>已删除导入的文件。</translation>
    </message>
    <message>
        <source>Not imported yet.</source>
        <translation>尚未导入。</translation>
    </message>
    <message numerus="yes">
        <source>%n sale(s), {first} to {last}</source>
        <translation>
            <numerusform>%n 笔交易，{first} 至 {last}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n credit(s), {first} to {last}</source>
        <translation>
            <numerusform>%n 笔入账，{first} 至 {last}</numerusform>
        </translation>
    </message>
    <message>
        <source>1. POS transaction list (from the acquirer)</source>
        <translation>① POS 交易明细（收单机构导出）</translation>
    </message>
    <message>
        <source>2. Bank statement of the settlement account</source>
        <translation>② 结算账户的银行对账单</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Drop an Excel or CSV file here, or choose it.</source>
        <translation>把 Excel 或 CSV 文件拖到这里，或点“选择文件”。</translation>
    </message>
    <message>
        <source>Forget imported files…</source>
        <translation>删除已导入文件…</translation>
    </message>
</context>
<context>
    <name>ReconTableModel</name>
    <message>
        <source>Time</source>
        <translation>交易时间</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Reference no.</source>
        <translation>参考号</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Due on</source>
        <translation>应到账日</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>实到</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Statement credit</source>
        <translation>对账单入账</translation>
    </message>
</context>
<context>
    <name>RecordsMover</name>
    <message>
        <source>posaid-records-{date}.zip</source>
        <translation>posaid-记录-{date}.zip</translation>
    </message>
    <message>
        <source>Export all records</source>
        <translation>导出全部记录</translation>
    </message>
    <message>
        <source>Records archive (*.zip)</source>
        <translation>记录压缩包 (*.zip)</translation>
    </message>
    <message>
        <source>Saving all records and photos to {name}…</source>
        <translation>正在把全部记录和照片保存到 {name}…</translation>
    </message>
    <message>
        <source>Records exported</source>
        <translation>记录已导出</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) were saved to:</source>
        <translation>
            <numerusform>共 %n 个案件已保存到：</numerusform>
        </translation>
    </message>
    <message>
        <source>The file also holds the photos and files attached to the cases. Copy it to the new computer (for example on a USB stick), install POS Payout Aid there and choose File &gt; Import records.</source>
        <translation>这个文件里也有案件附带的照片和文件。请把它复制到新电脑（比如用 U 盘），在新电脑上安装 POS 到账助手，然后选择“文件 &gt; 导入记录”。</translation>
    </message>
    <message>
        <source>Export table (CSV)</source>
        <translation>导出表格（CSV）</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Saving the table to {name}…</source>
        <translation>正在把表格保存到 {name}…</translation>
    </message>
    <message>
        <source>Choose the exported records</source>
        <translation>选择导出的记录文件</translation>
    </message>
    <message>
        <source>Exported records (*.zip *.json);;All files (*)</source>
        <translation>导出的记录 (*.zip *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import records?</source>
        <translation>导入记录？</translation>
    </message>
    <message>
        <source>The records in {name} will be added to the records on this computer. Nothing here is replaced or deleted, and cases that are already here are skipped. Import now?</source>
        <translation>{name} 里的记录会添加到这台电脑现有的记录中。这里的记录不会替换，也不会删除；已经有的案件会自动跳过。现在导入吗？</translation>
    </message>
    <message>
        <source>Importing the records from {name}…</source>
        <translation>正在从 {name} 导入记录…</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) added.</source>
        <translation>
            <numerusform>添加了 %n 个案件。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) were already here and were skipped.</source>
        <translation>
            <numerusform>%n 个案件已经有了，已跳过。</numerusform>
        </translation>
    </message>
    <message>
        <source>The shop details were taken from the file.</source>
        <translation>店铺信息也已从文件中填好。</translation>
    </message>
    <message>
        <source>Full card numbers in the file were shortened to the first 6 and last 4 digits; full card numbers are never kept.</source>
        <translation>文件中的完整卡号已自动隐藏，只保留前 6 位和后 4 位；完整卡号从不保存。</translation>
    </message>
    <message>
        <source>No full card numbers were found in the file.</source>
        <translation>文件中没有发现完整卡号。</translation>
    </message>
    <message>
        <source>Records imported</source>
        <translation>记录已导入</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>请稍候</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>← Change my answers</source>
        <translation>← 修改我的回答</translation>
    </message>
    <message>
        <source>Check anyway</source>
        <translation>仍然排查</translation>
    </message>
    <message>
        <source>Go through the questions now, although the money is not due yet.</source>
        <translation>虽然还没到到账日，也现在就逐项排查。</translation>
    </message>
    <message>
        <source>Open the case →</source>
        <translation>查看这件事 →</translation>
    </message>
    <message>
        <source>Result of the check</source>
        <translation>排查结果</translation>
    </message>
    <message>
        <source>Look again on {date}. Until then there is nothing to report.</source>
        <translation>请在 {date} 再查一次账户。在那之前不用找银行。</translation>
    </message>
    <message>
        <source>Beware of scams</source>
        <translation>谨防诈骗</translation>
    </message>
    <message>
        <source>Most likely causes</source>
        <translation>最可能的原因</translation>
    </message>
    <message>
        <source>What to do next</source>
        <translation>接下来怎么做</translation>
    </message>
    <message>
        <source>Whom to call</source>
        <translation>打给谁</translation>
    </message>
    <message>
        <source>Evidence to gather</source>
        <translation>要准备的材料</translation>
    </message>
    <message>
        <source>You were not sure about</source>
        <translation>您不确定的问题</translation>
    </message>
    <message>
        <source>Find out these first</source>
        <translation>先弄清这几件事</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message numerus="yes">
        <source>%n incident(s) found</source>
        <translation>
            <numerusform>找到 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>查找(&amp;S)：</translation>
    </message>
    <message>
        <source>Words, amount, reference number, bank, ticket number…</source>
        <translation>文字、金额、参考号、银行、工单号…</translation>
    </message>
    <message>
        <source>Search incidents</source>
        <translation>查找记录</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>状态(&amp;T)：</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>按状态筛选</translation>
    </message>
    <message>
        <source>&amp;Opened between</source>
        <translation>登记日期在(&amp;O)</translation>
    </message>
    <message>
        <source>and</source>
        <translation>至</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>查找结果</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Language and display</source>
        <translation>语言和显示</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Holidays</source>
        <translation>节假日</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>SettlementCalendar</name>
    <message>
        <source>{days}: {name} holiday</source>
        <translation>{days}：{name}假期</translation>
    </message>
    <message>
        <source>public</source>
        <translation>法定</translation>
    </message>
    <message>
        <source>{days}: make-up working day for {name}</source>
        <translation>{days}：{name}调休上班</translation>
    </message>
    <message>
        <source>{days}: make-up working day</source>
        <translation>{days}：调休上班</translation>
    </message>
    <message>
        <source>Previous month</source>
        <translation>上个月</translation>
    </message>
    <message>
        <source>Next month</source>
        <translation>下个月</translation>
    </message>
    <message>
        <source>Settlement calendar</source>
        <translation>结算日历</translation>
    </message>
    <message>
        <source>Sale = day of the sale</source>
        <translation>交易 = 交易当天</translation>
    </message>
    <message>
        <source>Due = money expected</source>
        <translation>到账 = 预计到账日</translation>
    </message>
    <message>
        <source>Rest = weekend</source>
        <translation>休 = 周末</translation>
    </message>
    <message>
        <source>Hol. = public holiday</source>
        <translation>假 = 法定节假日</translation>
    </message>
    <message>
        <source>Work = make-up working day</source>
        <translation>班 = 调休上班日</translation>
    </message>
</context>
<context>
    <name>ShopPage</name>
    <message>
        <source>Your shop</source>
        <translation>您的店铺</translation>
    </message>
    <message>
        <source>Every field is optional. The merchant number and the acquirer are on the top of every POS slip. Never enter a full bank card number here.</source>
        <translation>每一项都可以不填。商户编号和收单机构印在每张POS签购单的顶部。请不要在这里填写完整的银行卡号。</translation>
    </message>
    <message>
        <source>&amp;Save and continue</source>
        <translation>保存并继续(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;kip</source>
        <translation>跳过(&amp;K)</translation>
    </message>
</context>
<context>
    <name>SlipPicture</name>
    <message>
        <source>Merchant number: 15 digits, the MERCHANT NO. line.</source>
        <translation>商户编号：15 位数字，在“商户编号 MERCHANT NO.”一行。</translation>
    </message>
    <message>
        <source>Terminal number: 8 characters, the TERMINAL NO. line.</source>
        <translation>终端编号：8 位，在“终端编号 TERMINAL NO.”一行。</translation>
    </message>
    <message>
        <source>Card number: printed masked; type only what is printed.</source>
        <translation>卡号：签购单上印的是带星号的，照着填即可。</translation>
    </message>
    <message>
        <source>Transaction type: sale, void, refund or pre-authorisation.</source>
        <translation>交易类型：消费、撤销、退货或预授权。</translation>
    </message>
    <message>
        <source>Batch number: 6 digits, the BATCH NO. line.</source>
        <translation>批次号：6 位数字，在“批次号 BATCH NO.”一行。</translation>
    </message>
    <message>
        <source>Voucher (trace) number: 6 digits, the VOUCHER NO. line.</source>
        <translation>凭证号（流水号）：6 位数字，在“凭证号 VOUCHER NO.”一行。</translation>
    </message>
    <message>
        <source>Authorisation code: 6 characters, the AUTH NO. line.</source>
        <translation>授权码：6 位，在“授权码 AUTH NO.”一行。</translation>
    </message>
    <message>
        <source>Reference number: 12 characters, the REF NO. line. Banks trace a payment by it.</source>
        <translation>参考号：12 位，在“参考号 REF NO.”一行。银行靠它查账。</translation>
    </message>
    <message>
        <source>Date and time of the payment, the DATE/TIME line.</source>
        <translation>交易日期和时间，在“日期时间 DATE/TIME”一行。</translation>
    </message>
    <message>
        <source>Amount, the AMOUNT line.</source>
        <translation>金额，在“金额 AMOUNT”一行。</translation>
    </message>
    <message>
        <source>QR payments have no slip: the order number is in the payment record of the WeChat Pay or Alipay merchant app.</source>
        <translation>扫码支付没有签购单：订单号在微信支付或支付宝商家版的收款记录里。</translation>
    </message>
    <message>
        <source>QR payments: the wallet&apos;s own merchant ID (WeChat Pay 商户号, Alipay PID), shown in the wallet&apos;s merchant app next to the order.</source>
        <translation>扫码支付：钱包自己的商户号（微信支付商户号、支付宝 PID），在微信或支付宝商家 App 的订单详情里能看到。</translation>
    </message>
    <message>
        <source>A sample slip. Click a slip number field to see where it is printed.</source>
        <translation>签购单示意图。点一下左边的编号输入框，就能看到它印在哪一行。</translation>
    </message>
    <message>
        <source>Sample POS slip</source>
        <translation>签购单示意图</translation>
    </message>
</context>
<context>
    <name>SlipReadPanel</name>
    <message>
        <source>Photo of the slip</source>
        <translation>签购单照片</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Reading the slip photo…</source>
        <translation>正在识别签购单照片…</translation>
    </message>
    <message>
        <source>Loading the text reader (only the first time)…</source>
        <translation>正在加载文字识别（只有第一次需要）…</translation>
    </message>
    <message>
        <source>The photo could not be read ({error}). Please type the numbers.</source>
        <translation>照片没能识别（{error}）。请手工填写。</translation>
    </message>
    <message>
        <source>Read {n} items from the photo. Check them against the photo, then press OK.</source>
        <translation>从照片读出了 {n} 项。请对照照片核对，然后按“确定”。</translation>
    </message>
    <message>
        <source>Fields with a yellow frame were hard to read.</source>
        <translation>黄框的栏目不太清楚，请特别核对。</translation>
    </message>
    <message>
        <source>Read from the photo ({pct}% sure). Click to see where.</source>
        <translation>从照片读出（把握 {pct}%）。点一下可看照片上的位置。</translation>
    </message>
    <message>
        <source>Read from slip photo</source>
        <translation>从签购单照片读取</translation>
    </message>
    <message>
        <source>Choose or drop a photo of the POS slip; it is read on this PC, offline.</source>
        <translation>选择或拖入签购单照片；在本机识别，不联网。</translation>
    </message>
    <message>
        <source>Or drop a photo of the slip here.</source>
        <translation>也可以把签购单照片拖到这里。</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Change status</source>
        <translation>更改状态</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>新状态</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>说明（可不填）</translation>
    </message>
</context>
<context>
    <name>TimelineActions</name>
    <message>
        <source>Delete call or visit</source>
        <translation>删除联系记录</translation>
    </message>
    <message>
        <source>Delete the record of the call or visit with {party} on {when}? It cannot be brought back.</source>
        <translation>删除 {when} 与 {party} 的这条联系记录吗？删除后无法恢复。</translation>
    </message>
</context>
<context>
    <name>TransactionActions</name>
    <message>
        <source>Photo of the slip</source>
        <translation>签购单照片</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Delete transaction</source>
        <translation>删除交易</translation>
    </message>
    <message>
        <source>Delete the payment of {amount} from {when}?</source>
        <translation>删除 {when} 的这笔 {amount} 交易吗？</translation>
    </message>
</context>
<context>
    <name>TransactionDialog</name>
    <message>
        <source>Edit transaction</source>
        <translation>修改交易</translation>
    </message>
    <message>
        <source>Add transaction</source>
        <translation>添加交易</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>日期和时间</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>How it was paid</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>Transaction type</source>
        <translation>交易类型</translation>
    </message>
    <message>
        <source>Settlement cycle</source>
        <translation>结算周期</translation>
    </message>
    <message>
        <source>Reference no. (REF NO.)</source>
        <translation>参考号 (REF NO.)</translation>
    </message>
    <message>
        <source>Merchant no.</source>
        <translation>商户编号</translation>
    </message>
    <message>
        <source>Terminal no.</source>
        <translation>终端编号</translation>
    </message>
    <message>
        <source>Voucher / trace no.</source>
        <translation>凭证号/流水号</translation>
    </message>
    <message>
        <source>Batch no.</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>Authorisation code</source>
        <translation>授权码</translation>
    </message>
    <message>
        <source>Card number (masked)</source>
        <translation>卡号（带星号的）</translation>
    </message>
    <message>
        <source>Order no. (QR payments)</source>
        <translation>订单号（扫码支付）</translation>
    </message>
    <message>
        <source>Wallet merchant ID (QR payments)</source>
        <translation>渠道商户号（扫码支付）</translation>
    </message>
    <message>
        <source>e.g. 622202******1234</source>
        <translation>例如 622202******1234</translation>
    </message>
    <message>
        <source>These numbers are exactly as on my slip; keep them.</source>
        <translation>这些编号和签购单上一样，保留不改。</translation>
    </message>
</context>
<context>
    <name>TransactionsModel</name>
    <message>
        <source>Probably due; {year} holidays not loaded</source>
        <translation>大概已到期；{year} 年放假安排未导入</translation>
    </message>
    <message>
        <source>Not due yet</source>
        <translation>未到期</translation>
    </message>
    <message numerus="yes">
        <source>Late by %n working day(s)</source>
        <translation>
            <numerusform>逾期 %n 个工作日</numerusform>
        </translation>
    </message>
    <message>
        <source>Due date passed</source>
        <translation>已过应到账日</translation>
    </message>
</context>
<context>
    <name>WalkPage</name>
    <message>
        <source>Photo added: {name}</source>
        <translation>已添加照片：{name}</translation>
    </message>
    <message>
        <source>Add a photo to this answer</source>
        <translation>给这个回答添加照片</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png)</source>
        <translation>照片 (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>Area {i} of {n}: {title}</source>
        <translation>第 {i}/{n} 部分：{title}</translation>
    </message>
    <message numerus="yes">
        <source>%n question(s) answered</source>
        <translation>
            <numerusform>已回答 %n 个问题</numerusform>
        </translation>
    </message>
    <message>
        <source>Questions answered, out of the most the check asks</source>
        <translation>已回答的问题（最多问 20 个）</translation>
    </message>
    <message>
        <source>Where to look</source>
        <translation>去哪里看</translation>
    </message>
    <message>
        <source>Note (optional): what you saw, who you asked…</source>
        <translation>备注（可不填）：看到了什么、问了谁…</translation>
    </message>
    <message>
        <source>Note for this answer</source>
        <translation>这个回答的备注</translation>
    </message>
    <message>
        <source>Add photo… (Ctrl+O)</source>
        <translation>添加照片…（Ctrl+O）</translation>
    </message>
    <message>
        <source>Keyboard: 1, 2, 3… picks that answer and goes on; Enter goes to the next.</source>
        <translation>键盘：按 1、2、3… 直接选这个答案并进入下一题；回车进入下一题。</translation>
    </message>
    <message>
        <source>← Previous question</source>
        <translation>← 上一题</translation>
    </message>
    <message>
        <source>Save and finish later</source>
        <translation>保存，稍后继续</translation>
    </message>
    <message>
        <source>Next →</source>
        <translation>下一题 →</translation>
    </message>
</context>
<context>
    <name>_Month</name>
    <message>
        <source>{month}/{year}</source>
        <translation>{year}年{month}月</translation>
    </message>
</context>
</TS>
