<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name></name>
    <message numerus="yes">
        <source>%n highlights of this article could not be placed in its text.</source>
        <translation>
            <numerusform>%n highlight of this article could not be placed in its text.</numerusform>
            <numerusform>%n highlights of this article could not be placed in its text.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unplaced highlights</source>
        <translation>
            <numerusform>%n unplaced highlight</numerusform>
            <numerusform>%n unplaced highlights</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n highlights could not be placed in your text; see View → Unplaced highlights.</source>
        <translation>
            <numerusform>%n highlight could not be placed in your text; see View → Unplaced highlights.</numerusform>
            <numerusform>%n highlights could not be placed in your text; see View → Unplaced highlights.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n highlights could not be placed —</source>
        <translation>
            <numerusform>%n highlight could not be placed —</numerusform>
            <numerusform>%n highlights could not be placed —</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n matching articles</source>
        <translation>
            <numerusform>%n matching article</numerusform>
            <numerusform>%n matching articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>search index incomplete: %n articles not yet indexed</source>
        <translation>
            <numerusform>search index incomplete: %n article not yet indexed</numerusform>
            <numerusform>search index incomplete: %n articles not yet indexed</numerusform>
        </translation>
    </message>
</context>
</TS>
