<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>DuePanel</name>
        <message numerus="yes">
            <source>Late: the money was due on {date}, %n working day(s) ago.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
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
            <source>%n follow-up(s) overdue: the bank's promised date has passed. Call again.</source>
            <translation>
                <numerusform>%n follow-up overdue: the bank's promised date has passed. Call again.</numerusform>
                <numerusform>%n follow-ups overdue: the bank's promised dates have passed. Call again.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>IncidentPage</name>
        <message numerus="yes">
            <source>Missing: {amount} in %n payment(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
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
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
    </context>
</TS>
