<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AddMenu</name>
    <message>
        <source>Wait: a length of time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait: for an action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reward: points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reward: coupon</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BoardPanel</name>
    <message>
        <source>Plan Board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search name, id or owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also list the journey files of a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect a customer store (File ▸ Customer Store…) or choose a folder of journey files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The board could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No journeys yet: publish one to this store, or choose a folder of journey files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 journeys shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 journeys, %2 of them published.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder of journey files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause “%1”? No one enters and every step waits until it is resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume “%1”. Touches that fell due while it was paused:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send them now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip them</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CalendarDialog</name>
    <message>
        <source>Marketing Calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days ahead:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Touches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect a customer store first (File ▸ Customer Store…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulating the store forward…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 touches planned from %2 to %3, by %4 journeys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It includes the %1 events already dated in the future; customers who have yet to act cannot be foreseen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned touches per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 touches</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComparePanel</name>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare with…</source>
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
        <source>Compare with a published version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published version of &apos;{journey}&apos;:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version {version} ({state}, published {at})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a customer store first (File ▸ Connect to Customer Store…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store has no published version of &apos;{journey}&apos; yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No differences from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes since %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave comparison</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerDrill</name>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passed the step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moves on at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers here…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the journey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>left early</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message>
        <source>Reached “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting at “%1” now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left “%1” by “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add tag…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a tag to the selected customers (all shown, when none is selected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect the customer store the journey runs in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding the customers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Names and phone numbers are masked; Settings can show them in full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 customers to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag for %1 customers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tagging…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 customers got the tag.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading her path…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry (version %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
    <name>Inspector</name>
    <message>
        <source>and</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ Add a detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This action has no details to test.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Did</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Did not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn into its opposite: did ↔ did not, fewer than 3 ↔ at least 3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(includes 0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(excludes 0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All of these (AND)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any of these (OR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of these (NOT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ Attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a test on a customer attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ Did</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a test on what the customer did</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ Did not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a test on what the customer did not do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a group of conditions (AND / OR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conditions yet: everyone matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conditions yet: nobody matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the condition to negate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a condition: until then everyone matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>separate with commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matching now: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customer store is connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matching now: fill in the condition first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matching now: depends on what customers do after they enter, so it cannot be counted in advance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting failed: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≈ {count:,} customers match now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>China</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hong Kong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taipei</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Singapore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokyo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>London</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New York</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} ({zone})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>item {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ Add path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ Add group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ Add item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{noun} {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} (copy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days before (−) / after (+)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time of day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give up after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paths</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control group (no touch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send during quiet hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignore frequency caps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Benefit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon batch / product code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times per customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set customer fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journey ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-entry cooldown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max entries per firing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Within</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the journey on reaching the goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave early when</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total budget (points)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of coupons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total budget (coupons)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total budget (yuan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of gifts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gift code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total budget (gifts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who may enter; empty means everyone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Five fields: minute hour day month weekday, in the journey&apos;s time zone, read as crontab reads them: 0 and 7 are Sunday; when both day fields are set (neither starts with *), a day matching either fires.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None ticked means every day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service messages only: not counted against caps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Urgent service messages only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total this journey version may grant; unticked means no cap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unticked means no limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negative means before, e.g. -3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control customers get no touch; used to measure lift.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Small rollout: only this share of customers enters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After this the customer leaves by &apos;timeout&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When a customer does something</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Once, at a set time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On a repeating schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On a key date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For a length of time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until a time of day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until a date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until the customer does something</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Push</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In-app message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead for the relationship manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required: the code the benefit is issued under.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trial fund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash bonus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After leaving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After a cooldown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since entering the journey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the last…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>equals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>does not equal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>less than</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>greater than</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at least</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>between</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is one of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is none of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starts with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at least</source>
        <comment>how many times</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most</source>
        <comment>how many times</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exactly</source>
        <comment>how many times</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not exactly</source>
        <comment>how many times</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than</source>
        <comment>how many times</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fewer than</source>
        <comment>how many times</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <comment>event property</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <comment>event property</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <comment>event property</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banner</source>
        <comment>event property</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <comment>event property</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must be at least {ge}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must be more than {gt}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must be at most {le}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must be less than {lt}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must be a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must be a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must be text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least {min_length} character(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most {max_length} character(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in the expected format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs at least {min_length} item(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The time needs a time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a valid date and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick one of the options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The condition is incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a time of day written HH:MM, e.g. 09:00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be letters, digits, &apos;-&apos;, &apos;_&apos; or &apos;.&apos; (e.g. new-customer-activation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown time zone &apos;{name}&apos; (use a name like Asia/Shanghai)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a step on the canvas to edit it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind} step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journey ID:
{id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journey settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No problems in this step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No problems in the journey settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled journey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{step}”: {field}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ Add a field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syntax error on line {line}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown variable: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The template does something not allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Hello {{ name }}, …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview for a sample customer (张伟):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{units} characters · {segments} SMS ({per} per SMS, Chinese text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{units} characters · {segments} SMS ({per} per SMS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time in {zone}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a valid repeat rule: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path}: {estimate}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fill in the conditions first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>depends on what customers do after they enter; not counted in advance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≈ {count:,} customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≈ {count:,} customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers per path now. A customer takes the first path that matches, so each path counts only those no path above it takes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted over every customer in the store as they are now; who reaches this branch also depends on the steps before it.</source>
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
    <message>
        <source>+ Add a trigger to begin</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Lifecycle</name>
    <message>
        <source>&amp;Publish to Customer Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish this journey as a new version in the connected store; a store that requires approval takes only approved content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pa&amp;use in Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No one enters and every step waits until it is resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume in Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held customers go on where they were</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;End in Store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the journey for good: the customers inside leave it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a customer store first (File ▸ Connect to Customer Store…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the customer store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the journey?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No one will enter it any more, and the customers inside leave it now. This cannot be undone; publishing it again starts a new version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused version %1 in the store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resumed version %1 in the store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended version %1 in the store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded in the review history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to pause: no version of this journey runs in the store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to resume: this journey is not paused in the store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to end: this journey has no running or paused version in the store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store did not take it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer store could not be reached: %1</source>
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
        <source>Co&amp;mpare with…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show what changed between another journey file and this one, on the canvas</source>
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
        <source>Review Pack (PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One PDF for reviewers: the canvas, every step in plain words, the checks, the changes since the approval, comments and history</source>
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
        <source>Compare with &amp;Published Version…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show what changed between a version published in the customer store and this one</source>
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
        <source>&amp;User Guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to build, check and save a journey, beside the canvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About JourneyCanvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version, Qt version and licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Minimap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the whole journey in miniature in a corner of the canvas while part of it is out of sight</source>
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
        <source>&amp;Help</source>
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
    <message>
        <source>About JourneyCanvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User Guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JourneyCanvas, version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw, check and run customer journeys for banks and brokerages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built with Qt %1 and PySide6 %2 (Qt for Python, GNU LGPL v3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence: none is declared in this build&apos;s package metadata.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NodeItem</name>
    <message>
        <source>Drag to another step to connect “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a step after “%1”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OperateMenu</name>
    <message>
        <source>O&amp;perate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Simulate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run this journey on a copy of the store for the next days and draw the result on the canvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan &amp;Board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every journey with its status and numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Results…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversions, A/B results, funnel and attribution of this journey as it runs in the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marketing &amp;Calendar…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned touches per day and channel for the coming weeks, across all published journeys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tart Local Runtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the published journeys of this store live, on this computer, in a process of its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>St&amp;op Local Runtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the live runtime of this store (it finishes its tick first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Live Counts on the Canvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show how many customers reached and wait at each step of this published journey, refreshed while it runs</source>
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
    <name>PlanBoard</name>
    <message>
        <source>Journey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 14 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recurring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries per day: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgressRow</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsDialog</name>
    <message>
        <source>Results — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Funnel events:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>event names, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect the customer store the journey runs in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 entries, %2 converted to the goal (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversion over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversion rate so far (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entrants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uplift vs holdout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>95% interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p-value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (holdout)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Funnel of the entrants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversions credited to channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First touch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last touch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linear</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewController</name>
    <message>
        <source>&amp;Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comments and review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Submit for Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask someone else to review the journey; it cannot be changed while in review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve the journey as it is (not your own edit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request &amp;Changes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the journey back for changes, with a note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review &amp;History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who submitted, approved or sent back the journey, and when</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file says %1, but its content changed since: a draft again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In review: the steps cannot be changed (comments still can). To change them, the reviewer chooses Review ▸ Request Changes, or approves the journey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In review: the journey cannot be changed until the reviewer approves it or requests changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What should be changed?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select one step on the canvas to comment on it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewPack</name>
    <message>
        <source>Export review pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the review pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review pack written</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole journey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(removed step)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a comment or a reply…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment on step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment on the step selected on the canvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment on journey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment on the journey as a whole</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply to the chosen comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the chosen comment (only its author can)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the chosen comment as open again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the chosen comment as dealt with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From → to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 open comment(s), %2 in all: click to read them</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RuntimeControl</name>
    <message>
        <source>Runtime: cannot tell (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runtime: stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No live runtime runs this store; published journeys wait.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runtime: running · last tick %1 · lag %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs on %1, process %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect a customer store first (File ▸ Customer Store…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A live runtime already runs this store (process %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The runtime did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The runtime of this store runs on %1; stop it there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No live runtime runs this store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The runtime did not stop in time; it may still be finishing a tick.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local runtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this journey is not published in the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reached %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting %1</source>
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
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown on your comments and review steps; approving needs a name other than the last editor&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS price per message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used for the cost forecast of a simulation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show customers&apos; names and phone numbers in full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: drill-down tables mask them, e.g. 张* and 138****5678</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SimulationPanel</name>
    <message>
        <source>Simulation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days ahead:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run simulation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On a copy of the store: nothing is sent and the store is not changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collision forecast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many of this journey&apos;s touches the frequency caps would hold back because of the other published journeys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulate the journey on the customers of the store for the coming days, before publishing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect a customer store first (File ▸ Customer Store…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The simulation failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forecasting collisions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reached %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2: %3 customers enter, %4 convert to the goal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The journey changed since this simulation: run it again to see the change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 sent, %3 held back, cost %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This exact journey is already published in the store: the numbers on the canvas include what it did before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 granted; the budget of %3 runs out on %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 granted of a budget of %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Touches per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message cost per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Granted so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reward budget: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected conversions per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collision forecast: this store has no frequency caps, so no journey holds back another&apos;s touches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collision forecast: this journey sends nothing in these days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collision forecast: %1 of %2 touches (%3) would be held back by the frequency caps because of other journeys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken by: %1.</source>
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
        <source>This journey is paused in the store: %1 — see Problems.</source>
        <translation type="unfinished"></translation>
    </message>
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
        <source>This journey is paused in the store: %1 (step &apos;%2&apos;). Fix it, then resume it with journey-runtime resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This journey is paused in the store: %1. Fix it, then resume it with journey-runtime resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store says: %1</source>
        <translation type="unfinished"></translation>
    </message>
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
    <message>
        <source>Add “%1” after “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add “%1” after “%2” › %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply to comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record publishing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record end</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
