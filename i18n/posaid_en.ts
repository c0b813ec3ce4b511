<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
