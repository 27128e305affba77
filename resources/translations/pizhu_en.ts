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
        <source>%n split fixes taken.</source>
        <translation>
            <numerusform>%n split fix taken.</numerusform>
            <numerusform>%n split fixes taken.</numerusform>
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
        <source>The split of this page has %n doubtful decisions —</source>
        <translation>
            <numerusform>The split of this page has %n doubtful decision —</numerusform>
            <numerusform>The split of this page has %n doubtful decisions —</numerusform>
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
        <source>Also take the sender&apos;s %n split fixes (cut the pages as they did)</source>
        <translation>
            <numerusform>Also take the sender&apos;s split fix (cut the page as they did)</numerusform>
            <numerusform>Also take the sender&apos;s %n split fixes (cut the pages as they did)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n doubtful decisions to check</source>
        <translation>
            <numerusform>%n doubtful decision to check</numerusform>
            <numerusform>%n doubtful decisions to check</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more items are counted but not listed.</source>
        <translation>
            <numerusform>%n more item is counted but not listed.</numerusform>
            <numerusform>%n more items are counted but not listed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n edits were not applied: their author is not the annotation&apos;s.</source>
        <translation>
            <numerusform>%n edit was not applied: its author is not the annotation&apos;s.</numerusform>
            <numerusform>%n edits were not applied: their author is not the annotation&apos;s.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n highlights</source>
        <translation>
            <numerusform>%n highlight</numerusform>
            <numerusform>%n highlights</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article notes</source>
        <translation>
            <numerusform>%n article note</numerusform>
            <numerusform>%n article notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n articles</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>search index incomplete: %n articles not yet indexed</source>
        <translation>
            <numerusform>search index incomplete: %n article not yet indexed</numerusform>
            <numerusform>search index incomplete: %n articles not yet indexed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n new</numerusform>
            <numerusform>%n new</numerusform>
        </translation>
    </message>
</context>
</TS>
