<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ColumnMappingDialog</name>
    <message numerus="yes">
        <source>Ready: %n row(s) will be imported.</source>
        <translation>
            <numerusform>Ready: %n row will be imported.</numerusform>
            <numerusform>Ready: %n rows will be imported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed transaction(s)</source>
        <translation>
            <numerusform>%n failed transaction</numerusform>
            <numerusform>%n failed transactions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n outgoing payment(s)</source>
        <translation>
            <numerusform>%n outgoing payment</numerusform>
            <numerusform>%n outgoing payments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n total or note line(s)</source>
        <translation>
            <numerusform>%n total or note line</numerusform>
            <numerusform>%n total or note lines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n full card number(s) in the file were hidden: only the first 6 and last 4 digits are kept.</source>
        <translation>
            <numerusform>%n full card number in the file was hidden: only the first 6 and last 4 digits are kept.</numerusform>
            <numerusform>%n full card numbers in the file were hidden: only the first 6 and last 4 digits are kept.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DuePanel</name>
    <message numerus="yes">
        <source>Late: the money was due on {date}, %n working day(s) ago.</source>
        <translation>
            <numerusform>Late: the money was due on {date}, %n working day ago.</numerusform>
            <numerusform>Late: the money was due on {date}, %n working days ago.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message numerus="yes">
        <source>Still missing: {amount} in %n open incident(s)</source>
        <translation>
            <numerusform>Still missing: {amount} in %n open incident</numerusform>
            <numerusform>Still missing: {amount} in %n open incidents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) overdue: the bank&apos;s promised date has passed. Call again.</source>
        <translation>
            <numerusform>%n follow-up overdue: the bank&apos;s promised date has passed. Call again.</numerusform>
            <numerusform>%n follow-ups overdue: the bank&apos;s promised dates have passed. Call again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IncidentPage</name>
    <message numerus="yes">
        <source>Missing: {amount} in %n payment(s)</source>
        <translation>
            <numerusform>Missing: {amount} in %n payment</numerusform>
            <numerusform>Missing: {amount} in %n payments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PacketDialog</name>
    <message numerus="yes">
        <source>%n page(s) ready. Check them, then print or save.</source>
        <translation>
            <numerusform>%n page ready. Check it, then print or save.</numerusform>
            <numerusform>%n pages ready. Check them, then print or save.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent %n page(s) to the printer.</source>
        <translation>
            <numerusform>Sent %n page to the printer.</numerusform>
            <numerusform>Sent %n pages to the printer.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReconChart</name>
    <message numerus="yes">
        <source>%n sale(s) missing</source>
        <translation>
            <numerusform>%n sale missing</numerusform>
            <numerusform>%n sales missing</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReconPage</name>
    <message numerus="yes">
        <source>Create an incident from the %n missing sale(s)…</source>
        <translation>
            <numerusform>Create an incident from the %n missing sale…</numerusform>
            <numerusform>Create an incident from the %n missing sales…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Create one incident carrying the %n missing sale(s) over, so you can follow them up with the bank?</source>
        <translation>
            <numerusform>Create one incident carrying the %n missing sale over, so you can follow it up with the bank?</numerusform>
            <numerusform>Create one incident carrying the %n missing sales over, so you can follow them up with the bank?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReconSources</name>
    <message numerus="yes">
        <source>%n sale(s), {first} to {last}</source>
        <translation>
            <numerusform>%n sale, {first} to {last}</numerusform>
            <numerusform>%n sales, {first} to {last}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n credit(s), {first} to {last}</source>
        <translation>
            <numerusform>%n credit, {first} to {last}</numerusform>
            <numerusform>%n credits, {first} to {last}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordsMover</name>
    <message numerus="yes">
        <source>%n case(s) were saved to:</source>
        <translation>
            <numerusform>%n case was saved to:</numerusform>
            <numerusform>%n cases were saved to:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) added.</source>
        <translation>
            <numerusform>%n case added.</numerusform>
            <numerusform>%n cases added.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) were already here and were skipped.</source>
        <translation>
            <numerusform>%n case was already here and was skipped.</numerusform>
            <numerusform>%n cases were already here and were skipped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message numerus="yes">
        <source>%n incident(s) found</source>
        <translation>
            <numerusform>%n incident found</numerusform>
            <numerusform>%n incidents found</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TransactionsModel</name>
    <message numerus="yes">
        <source>Late by %n working day(s)</source>
        <translation>
            <numerusform>Late by %n working day</numerusform>
            <numerusform>Late by %n working days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WalkPage</name>
    <message numerus="yes">
        <source>%n question(s) answered</source>
        <translation>
            <numerusform>%n question answered</numerusform>
            <numerusform>%n questions answered</numerusform>
        </translation>
    </message>
</context>
</TS>
