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
    [2] 2.X.XXX Success
    [4] 4.X.XXX Persistent Transient Failure
   *[5] 5.X.XXX Permanent Failure
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
# Between two sentences of one paragraph.
sentence-separator = {" "}
rfc = RFC { $number }
rfc-section = RFC { $number } (§{ $sections })

## Code pages

code-title = SMTP { $code } { $name }
code-class = Class
code-subject = Subject
code-sent = Sent
code-defined-in = Defined in
code-sources = Sources
# What kind of source each cited source is, shown beside its link on code pages (and in
# the comparison table for a code no standard defines).
source-standard = a standard that defines this code
source-context = background only, a standard that does not define this code
source-draft = an Internet-Draft, not a standard
source-registry = an IANA registry association only
source-provider = provider practice, not a standard
code-used-with = Sent with
code-enhanced-companions = Enhanced status codes
code-compare = Compare { $code } with
code-compare-first = Most often compared with { $code }
code-related = Related codes

## Headings shared by code and pair pages

heading-description = Description
heading-when = When you see this code
heading-fix = How to fix
heading-samples = Sample replies
heading-which = What to do for each
heading-learn-more = Learn more

## Pair pages

pair-title = SMTP { $a } { $a-name } vs { $b } { $b-name }
pair-description = { $a } { $a-name } or { $b } { $b-name }? How the two SMTP replies differ, when servers send each, and what to do.
# The comparison table: one row per fact, the two codes in columns.
compare-caption = { $a } and { $b } side by side
compare-fact = Fact
compare-differs = differs
row-meaning = What it means
row-next = What happens to the mail
row-retry = Does a retry help by itself?
row-acts = Who has to act
row-cause = Cause
# A fact's value, as a table cell.
fact-next = { $next ->
    [none] Nothing more: the request succeeded
    [continue] The client goes on with the session
    [retry] Stays queued; the sending server retries
    [bounce] Returned to the sender (bounce)
   *[client-decides] No queue involved: the client decides
}
fact-retry = { $retry ->
    [yes] Yes, usually
    [sometimes] Sometimes
    [no] No, not until someone acts
   *[none] Not applicable
}
# Values are lower case: they are joined into a list ("the sender or the recipient"),
# whose first letter is then capitalized.
fact-actor = { $actor ->
    [nobody] nobody
    [sender] the sender
    [sender-admin] the sending system's admin
    [receiver-admin] the receiving system's admin
   *[recipient] the recipient
}
# "Nobody" listed first means: usually nobody; if it persists, the others.
fact-acts-usually-nobody = usually nobody; otherwise { $others }
fact-cause = { $cause ->
    [addressing] addressing
    [mailbox] mailbox
    [policy] policy
    [authentication] authentication
    [security] security, TLS
    [content] content
    [capacity] size or capacity
    [rate] rate limits
    [protocol] protocol or syntax
    [routing] routing
   *[system] receiving system
}
fact-no-cause = None: not a failure
# The key difference, stated first on a pair page: sentences built from the facts that
# differ. Each `key-*-clause` is about one code and starts with it; `key-first` joins
# the first two clauses, `key-more` any later pair.
key-first = { $a-clause }; { $b-clause }.
key-more = { $a-clause }, while { $b-clause }.
key-fate-clause = { $next ->
    [none] { $code } is a success reply: nothing more is needed
    [continue] { $code } is an intermediate reply: the client goes on with the session
    [retry] { $code } is temporary: the sending server keeps the mail queued and tries again
    [bounce] { $code } is permanent: the sending server gives up and the mail comes back to its sender
   *[client-decides] { $outcome ->
        [transient] { $code } temporarily refuses a session command such as AUTH or STARTTLS: no queue is involved, and the client decides whether to try again
       *[permanent] { $code } refuses a session command such as AUTH or STARTTLS for good: no queue is involved, and the client must change what it sends
    }
}
key-retry-clause = { $retry ->
    [yes] { $code } usually clears by itself on a later retry
    [sometimes] { $code } clears on a retry only if its cause is gone by then
   *[no] { $code } does not clear by retrying until someone acts
}
key-acts-clause = { $actor ->
    [nobody] { $code } needs nobody to act
    [sender] { $code } is for the sender to fix
    [sender-admin] { $code } is for the admin of the sending system to fix
    [receiver-admin] { $code } is for the admin of the receiving system to fix
   *[recipient] { $code } is for the recipient to fix
}
key-cause-clause = { $cause ->
    [addressing] { $code } is about the address itself
    [mailbox] { $code } is about the recipient's mailbox
    [policy] { $code } is a policy decision of the receiving side
    [authentication] { $code } is about authentication
    [security] { $code } is about encryption or other security requirements
    [content] { $code } is about the content of the message
    [capacity] { $code } is about size or storage limits
    [rate] { $code } is about sending too much or too fast
    [protocol] { $code } is about a protocol or syntax error
    [routing] { $code } is about where the mail should be routed
   *[system] { $code } is about a fault or the state of the receiving system
}
key-stage-clause = { $code } is sent { $stages }
# What the two codes share, said once.
key-both-fate = { $next ->
    [none] { $a } and { $b } are both success replies: nothing more is needed.
    [continue] { $a } and { $b } are both intermediate replies: the client goes on with the session.
    [retry] { $a } and { $b } are both temporary: the sending server keeps the mail queued and tries again.
    [bounce] { $a } and { $b } are both permanent: the mail comes back to its sender.
   *[client-decides] { $a } and { $b } both answer a session command: no queue is involved, and the client decides what to do.
}
key-both-stage = { $a } and { $b } are both sent { $stages }.
# Two codes whose facts are all alike differ only in the condition they name.
key-only-condition = They differ in the condition reported: { $a } says “{ $a-name }”, { $b } says “{ $b-name }”.
# A hand-written comparison's sections.
heading-tell-apart = How to tell which one you have
heading-what-to-do = What to do
heading-sources = Sources
which-item = If you see { $code } ({ $name })
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
decoder-private = The decoder runs entirely in your browser: nothing you paste is sent to this site or anywhere else.
# $shown is how many codes the decoder explains at most.
decoder-more = Only the first { $shown } codes found are explained. To see the others, paste a shorter part of the text.
jump-label = Go to a code
jump-hint = Type the start of a code, such as 55 or 5.7, then press Enter.
nav-decoder = Paste a whole bounce into the decoder
jump-button = Go
jump-none = No code starts with { $query }.

## Class and subject pages (RFC 3463)

# $group is the group's name as RFC 3463 writes it (5.X.XXX, X.7.XXX), $name its title.
group-title = SMTP enhanced status { $group } { $name }
# $kind is `class` or `subject`.
group-codes = { $kind ->
    [class] Codes in this class
   *[subject] Codes in this subject
}
group-no-codes = { $kind ->
    [class] This site does not explain any code of this class yet.
   *[subject] This site does not explain any code of this subject yet.
}
# What kind of source each cited source of a class or subject page is, beside its link.
group-source = { $status ->
    [standard] { $kind ->
        [class] the standard that defines this class
       *[subject] the standard that defines this subject
    }
    [context] background only, not the definition
    [draft] an Internet-Draft, not a standard
    [registry] an IANA registry association only
   *[provider] provider practice, not a standard
}
home-groups = Classes and subjects of enhanced status codes

## Provider family: codes and replies that providers define, not standards (issue 18)
## Message ids starting with `provider-` are providers' names (`provider-<id>`, one per
## provider of content/providers.yaml); the pages' own words use `practice-`,
## `folklore-` and `providers-`.

provider-microsoft = Microsoft
provider-google = Google
provider-yahoo = Yahoo
provider-folklore = Codes nobody defines
# $provider is the provider's name, $code its code as the provider writes it
# (5.7.606-5.7.649, TSS04), $name the entry's title.
practice-entry-title = { $provider } { $code }: { $name }
folklore-entry-title = { $code }: { $name }
practice-marker = Provider practice, not a standard.
practice-note = This code and its meaning come from what the provider sends and documents, not from an RFC; other servers may send the same code with another meaning.
folklore-marker = Folklore, not a standard.
folklore-note = No standard and no provider defines this code. It is seen in real bounces, and stands for the standard codes listed below.
practice-replies = What the provider's servers send
folklore-replies = How it appears in real bounces
practice-standard = Sent with these standard codes
providers-title = Provider codes: what large mail providers send beside the standard codes
providers-heading = Provider codes
providers-intro = Large mail providers send codes and reply texts of their own beside the standard ones. Each entry explains one of them, from the provider's own pages.
providers-practice-note = Each entry cites the provider's page it comes from; other servers may use the same numbers with another meaning.
# $provider is the provider's name.
providers-cited = Code pages that cite { $provider }'s documentation
home-providers = Codes and replies of large mail providers
code-providers = What providers send with this code
