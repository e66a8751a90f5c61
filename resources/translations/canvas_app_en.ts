<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>FindBar</name>
    <message>
        <source>Find a step by name or summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the next match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InspectorHost</name>
    <message>
        <source>Select a step to see its settings here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JourneyView</name>
    <message>
        <source>Drag a Trigger from Steps on the left to begin,
or start from a ready-made journey: File → New from Template.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This journey has changes that are not saved. Save them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open journey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journeys (*.journey.json *.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the journey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save journey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journeys (*.journey.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the journey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore unsaved work?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JourneyCanvas closed before this work was saved. Restore it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to paste: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add step here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No templates found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new, empty journey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a journey file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the journey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the journey under a new name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picture (PNG)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the canvas as a PNG picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawing (SVG)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the canvas as an SVG drawing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document (PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the canvas as a PDF document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language and editing settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo the last change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo the change you undid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut the selected steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a copy of the selected steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to &amp;Customer Store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the customer store used for checking conditions and estimating audiences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste copied steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected steps and lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select every step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a step by name or summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settin&amp;gs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dup&amp;licate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tid&amp;y Layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrange the steps from left to right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the canvas bigger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the canvas smaller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to &amp;Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the whole journey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the canvas at 100%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Snap to Grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line steps up on the grid while moving them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New from &amp;Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NodeItem</name>
    <message>
        <source>Drag to another step to connect “%1”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Outlets</name>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not matched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out of budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Otherwise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaletteWidget</name>
    <message>
        <source>Starts the journey: an event, a date or a schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lets through only the customers who match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waits for a time, a date or an event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sends each customer down the first path that matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Divides customers at random, e.g. for an A/B test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sends a message: SMS, push, e-mail, WeChat, call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grants points, a coupon or another benefit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sets customer attributes or tags</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snap steps to the grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreConnection</name>
    <message>
        <source>“%1” is not a database address. Use, for example, sqlite:///var/demo.db</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no file at %1. Create a store with “journey-runtime init”, or choose another file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer store at %1 cannot be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreDialog</name>
    <message>
        <source>Connect to customer store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer store supplies the attributes and events your conditions may use, and the live audience estimate. Enter a database address or choose a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a customer store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer stores (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the address of a customer store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the store…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreStatus</name>
    <message>
        <source>Store: %1 · %2 customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conditions are checked against this store, and audiences are estimated from it. Click to connect another store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store: opening %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store: not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to choose a customer store.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ValidationPanel</name>
    <message>
        <source>Click to show this step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to check yet: the journey is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>commands</name>
    <message>
        <source>Add step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidy layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit step settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit journey settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
