# English interface strings. English is the source locale: every other locale is checked
# against this file. Messages with { $variables } are whole sentences; the generator only
# fills in codes, names and the short phrases defined in this same file.

## Site-wide

site-name = SMTP Reply Codes
site-tagline = What every SMTP reply code and enhanced status code means, and what to do about it.
nav-skip = Skip to content
nav-home = Home
nav-breadcrumb = Breadcrumb
nav-languages = Language
footer-note = Meanings follow the RFCs that define each code. Content is open source; corrections and translations are welcome.

## Families and classes

family-basic = Basic reply codes
family-enhanced = Enhanced status codes
family-basic-short = SMTP
family-enhanced-short = SMTP enhanced status
# $class is the first digit of the code.
class-basic = { $class ->
    [2] 2xx Positive Completion
    [3] 3xx Positive Intermediate
    [4] 4xx Transient Negative Completion
   *[5] 5xx Permanent Negative Completion
}
class-enhanced = { $class ->
    [2] 2.X.X Success
    [4] 4.X.X Persistent Transient Failure
   *[5] 5.X.X Permanent Failure
}
# What a reply of this class means for the message; a clause that completes the
# sentences diff-outcome and code-outcome below.
outcome = { $class ->
    [2] the request succeeded and nothing needs to be retried
    [3] the server accepted the command and is waiting for the rest of the input
    [4] the failure is temporary: the sending server keeps the message and retries later
   *[5] the failure is permanent: sending the same message the same way will fail again
}
# $subject is the middle number of an enhanced code.
subject = { $subject ->
    [0] Other or Undefined Status
    [1] Addressing Status
    [2] Mailbox Status
    [3] Mail System Status
    [4] Network and Routing Status
    [5] Mail Delivery Protocol Status
    [6] Message Content or Media Status
    [7] Security or Policy Status
   *[other] Unregistered Subject
}
# When in the SMTP session a reply is sent; each completes "is sent …".
stage-connect = as the greeting when a connection opens
# $commands: SMTP commands such as "MAIL FROM and RCPT TO" (never translated).
stage-commands = in reply to { $commands }
stage-message = after the message data has been transferred
stage-any = in reply to any command
# Joins phrases: "A or B", "A, B or C".
list-or = { $head } or { $last }
list-and = { $head } and { $last }
list-separator = {", "}
rfc = RFC { $number }
rfc-section = RFC { $number } (§{ $sections })

## Code pages

code-title = SMTP { $code } { $name }
code-class = Class
code-subject = Subject
code-sent = Sent
code-defined-in = Defined in
code-used-with = Sent with
code-enhanced-companions = Enhanced status codes
code-outcome = This is a { $class } reply: { $outcome }.
code-compare = Compare { $code } with
code-related = Related codes

## Headings shared by code and pair pages

heading-description = Description
heading-when = When you see this code
heading-fix = How to fix
heading-samples = Sample replies
heading-differences = Key differences
heading-which = Which applies when
heading-learn-more = Learn more

## Pair pages

pair-title = SMTP { $a } { $a-name } vs { $b } { $b-name }
pair-description = { $a } { $a-name } or { $b } { $b-name }? How the two SMTP replies differ, when servers send each, and what to do.
pair-lead = { $same ->
    [yes] { $a } and { $b } are both { $a-class } replies.
   *[no] { $a } is a { $a-class } reply, whereas { $b } is a { $b-class } reply.
}
diff-outcome = After { $a }, { $a-outcome }. After { $b }, { $b-outcome }.
diff-stage = { $same ->
    [yes] Both are sent { $a-stages }, so what separates them is the reason given above.
   *[no] { $a } is sent { $a-stages }; { $b } is sent { $b-stages }.
}
diff-subject = { $same ->
    [yes] Both belong to the { $a-subject } subject (X.{ $a-number }.X).
   *[no] { $a } reports { $a-subject } (X.{ $a-number }.X); { $b } reports { $b-subject } (X.{ $b-number }.X).
}
diff-basic-companions = Enhanced status codes seen with { $a } include { $a-codes }; with { $b }, { $b-codes }.
diff-enhanced-companions = { $a } is sent with basic reply { $a-codes }; { $b } with { $b-codes }.
diff-rfcs = { $same ->
    [yes] Both are defined in { $a-rfcs }.
   *[no] { $a } is defined in { $a-rfcs }; { $b } in { $b-rfcs }.
}
which-item = If you see { $code } ({ $name }):
learn-code = Everything about { $code } { $name }
learn-pair = { $a } vs { $b }
learn-rfc = Read { $rfc }

## Home, root and 404

home-title = SMTP reply codes and enhanced status codes
home-description = Every SMTP reply code and enhanced status code explained: what it means, when servers send it, and how to fix it, with side-by-side comparisons.
home-intro = Look up the code from your bounce message or mail log. Every code has its own page, and every two codes of the same family can be compared side by side.
root-title = SMTP Reply Codes: choose a language
root-intro = Choose a language.
notfound-title = Page not found
notfound-text = There is no page at this address. Codes are at addresses such as /en/550/ and comparisons at /en/550-vs-554/.

## Translation status

translations-title = Translation status
translations-intro = How much of the site each language covers. Anything not yet translated is shown in English.
translations-locale = Language
translations-messages = Interface strings
translations-prose = Code texts
translations-stale = Out of date
translations-missing = Missing
translations-done = Complete
translations-draft = draft
translations-how = Translations are contributed as pull requests: see CONTRIBUTING.md in the repository. A draft language is built for preview and published once it is complete.

## Bounce decoder and jump box (the script reads these from /{lang}/codes.json)

decoder-title = SMTP bounce decoder: what does this error mean?
decoder-description = Paste a bounce message or an SMTP reply and see what its reply code and enhanced status code mean, with links to their explanations.
decoder-heading = Decode a bounce
decoder-intro = Paste the error from your bounce message or mail log (one line or the whole message) to see what its codes mean.
decoder-label = Bounce message or SMTP reply
decoder-placeholder = 550 5.1.1 <user@example.com>: Recipient address rejected
decoder-button = Explain the codes
decoder-how-heading = How to read an SMTP reply
decoder-how-basic = A reply starts with a three-digit basic code, such as 550. Its first digit tells whether the mail was delivered (2), will be retried (4) or failed for good (5).
decoder-how-enhanced = Many servers add an enhanced status code of three numbers, such as 5.1.1, right after it. Delivery status notifications show it on a line such as "Status: 5.1.1".
decoder-nojs = The decoder needs JavaScript, which is turned off. You can look up each code in the list of all codes instead.
decoder-all-codes = List of all codes
decoder-results = What the codes mean
# Shown by the script; { $code } is a code found in the pasted text.
decoder-unknown = { $code } is not in this reference yet.
decoder-unknown-class = Its first digit still tells its class: { $class }.
decoder-none = No SMTP code was found. Paste the line that starts with a three-digit code such as 550, or the "Status:" line of the bounce.
decoder-loading = Loading the list of codes…
decoder-failed = The list of codes could not be loaded. Use the list of all codes instead.
decoder-compare = Compare them:
jump-label = Go to a code
jump-hint = Type the start of a code, such as 55 or 5.7, then press Enter.
jump-button = Go
jump-none = No code starts with { $query }.
