// Realistic replies, bounces and delivery status notifications for the decoder's tests
// (site.test.js), each with what the decoder must find in it. Written for these tests in
// the shape MTAs and providers use; addresses, hosts and IPs are documentation ones.
//
// A row: `lang` of the decoder page ("en" unless said), `text` pasted, `codes` found in
// order of first appearance as [code, next] where `next` is the code's facts.next
// (retry, bounce, client-decides, none, continue) or null for a code the site has no page
// for; `retry` (optional): code → facts.retry_helps of class 4 codes; `pairs`: the pair
// pages linked, in the order shown; `says` (optional): patterns the results' text must
// match. Only codes with a file in content/ are "known"; unknown ones are checked to have
// no page (a row must change if one is added). `providers` (optional): the ids of the
// provider entries shown, in order (content/providers/); each must exist in the content.

export const REPLIES = [
  // ---- Postfix -------------------------------------------------------------------------
  {
    name: "Postfix bounce: user unknown in virtual mailbox table",
    text: [
      "<bob@example.org>: host mx.example.org[203.0.113.5] said: 550 5.1.1",
      "    <bob@example.org>: Recipient address rejected: User unknown in virtual",
      "    mailbox table (in reply to RCPT TO command)",
    ].join("\n"),
    codes: [["550", "bounce"], ["5.1.1", "bounce"]],
    pairs: [],
    says: [/Returned to the sender \(bounce\)/, /What to do: /],
  },
  {
    name: "Postfix log: relay access denied",
    text:
      "May 14 10:21:07 mail postfix/smtpd[2412]: NOQUEUE: reject: RCPT from unknown[198.51.100.23]: " +
      "554 5.7.1 <carol@example.net>: Relay access denied; from=<alice@example.com> " +
      "to=<carol@example.net> proto=ESMTP helo=<client.example.com>",
    codes: [["554", "bounce"], ["5.7.1", "bounce"]],
    pairs: [],
  },
  {
    name: "Postfix log: greylisting deferral (dsn= before the reply)",
    text:
      "May 14 10:21:07 mail postfix/smtp[1234]: 4B1F2C0A12: to=<dave@example.org>, " +
      "relay=mx.example.org[203.0.113.5]:25, delay=1.2, delays=0.1/0/0.6/0.5, dsn=4.7.1, " +
      "status=deferred (host mx.example.org[203.0.113.5] said: 450 4.7.1 <dave@example.org>: " +
      "Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html " +
      "(in reply to RCPT TO command))",
    codes: [["4.7.1", "retry"], ["450", "retry"]],
    retry: { "4.7.1": "sometimes", 450: "sometimes" },
    pairs: [],
    says: [/Stays queued; the sending server retries/, /Does a retry help by itself\?Sometimes/],
  },
  {
    name: "Postfix bounce: mailbox full at end of DATA",
    text:
      "<erin@example.org>: host mx.example.org[203.0.113.5] said: 552 5.2.2 <erin@example.org>: " +
      "Mailbox full (in reply to end of DATA command)",
    codes: [["552", "bounce"], ["5.2.2", "bounce"]],
    pairs: [],
    says: [/Who has to actThe recipient/],
  },
  {
    name: "Postfix log: null MX (dsn=5.1.10 only)",
    text:
      "May 14 10:21:07 mail postfix/smtp[2201]: 7C2A1: to=<grace@example.net>, relay=none, " +
      "delay=0.05, delays=0.04/0/0/0, dsn=5.1.10, status=bounced (Domain example.net does not " +
      "accept mail (nullMX))",
    codes: [["5.1.10", "bounce"]],
    pairs: [],
  },
  {
    name: "Postfix: the server is shutting down",
    text: "421 4.3.2 Service shutting down, closing transmission channel",
    codes: [["421", "retry"], ["4.3.2", "retry"]],
    retry: { 421: "sometimes", "4.3.2": "yes" },
    pairs: [],
    says: [/Yes, usually/],
  },
  {
    name: "Postfix submission: SASL login failed",
    text: "535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6",
    codes: [["535", "client-decides"], ["5.7.8", "client-decides"]],
    pairs: [],
    says: [/No queue involved: the client decides/],
  },
  {
    name: "STARTTLS refused for now",
    text: "454 4.7.0 TLS not available due to local problem",
    codes: [["454", "client-decides"], ["4.7.0", "retry"]],
    retry: { 454: "sometimes", "4.7.0": "sometimes" },
    pairs: [],
  },
  {
    name: "A whole successful session (greeting, EHLO, MAIL, RCPT, DATA, QUIT)",
    text: [
      // "Postfix" ends the line: the 250 on the next is still a code.
      "220 mx.example.org ESMTP Postfix",
      "250-mx.example.org",
      "250-PIPELINING",
      "250-SIZE 52428800",
      "250 8BITMIME",
      "250 2.1.0 Ok",
      "250 2.1.5 Ok",
      "354 End data with <CR><LF>.<CR><LF>",
      "250 2.0.0 Ok: queued as 4B1F2C0A12",
      "221 2.0.0 Bye",
    ].join("\n"),
    codes: [
      ["220", "continue"],
      ["250", "none"],
      ["2.1.0", "continue"],
      ["2.1.5", "none"],
      ["354", "continue"],
      ["2.0.0", "none"],
      ["221", "none"],
    ],
    // The first four known codes of each family, each with each other, in the order found.
    pairs: [
      "/en/220-vs-250/",
      "/en/220-vs-354/",
      "/en/220-vs-221/",
      "/en/250-vs-354/",
      "/en/221-vs-250/",
      "/en/2.1.0-vs-2.1.5/",
      "/en/2.0.0-vs-2.1.0/",
      "/en/2.0.0-vs-2.1.5/",
      "/en/221-vs-354/",
    ],
    says: [/Nothing more: the request succeeded/, /The client goes on with the session/],
  },

  // ---- Exim and Sendmail ---------------------------------------------------------------
  {
    name: "Exim bounce: SMTP error after RCPT TO",
    text: [
      "This message was created automatically by mail delivery software.",
      "",
      "A message that you sent could not be delivered to one or more of its",
      "recipients. This is a permanent error. The following address(es) failed:",
      "",
      "  heidi@example.org",
      "    host mx.example.org [203.0.113.5]",
      "    SMTP error from remote mail server after RCPT TO:<heidi@example.org>:",
      "    550 5.1.1 <heidi@example.org>: Recipient address rejected: User unknown",
    ].join("\n"),
    codes: [["550", "bounce"], ["5.1.1", "bounce"]],
    pairs: [],
  },
  {
    name: "Exim delay warning with its Received header (Exim 4.97.1 is a version, not a code)",
    text: [
      "Received: from [198.51.100.7] (port=52114 helo=client.example.com)",
      "\tby mail.example.com with esmtpa (Exim 4.97.1)",
      "\tid 1s6XyZ-000AbC-7d; Tue, 14 May 2024 10:21:07 +0900",
      "",
      "This message was created automatically by mail delivery software.",
      "A message that you sent has not yet been delivered to one or more of its",
      "recipients after more than 24 hours on the queue on mail.example.com.",
      "",
      "  ivan@example.org",
      "    host mx.example.org [203.0.113.5]",
      "    SMTP error from remote mail server after RCPT TO:<ivan@example.org>:",
      "    451 4.3.0 Temporary lookup failure",
      "",
      "No action is required on your part. Delivery attempts will continue for",
      "some time, and this warning may be repeated at intervals if the message",
      "remains undelivered.",
    ].join("\n"),
    codes: [["451", "retry"], ["4.3.0", "retry"]],
    retry: { 451: "sometimes", "4.3.0": "sometimes" },
    pairs: [],
  },
  {
    name: "Exim: message too big at MAIL FROM (basic code only)",
    text:
      "SMTP error from remote mail server after MAIL FROM:<alice@example.com> SIZE=52428800:\n" +
      "552 Message size exceeds fixed maximum message size",
    codes: [["552", "bounce"]],
    pairs: [],
  },
  {
    name: "Sendmail transcript: blocklisted client, then 5.0.0",
    text: [
      "   ----- The following addresses had permanent fatal errors -----",
      "<judy@example.org>",
      "    (reason: 554 5.7.1 Service unavailable; Client host [198.51.100.23] blocked using zen.spamhaus.org)",
      "",
      "   ----- Transcript of session follows -----",
      "... while talking to mx.example.org.:",
      ">>> DATA",
      "<<< 554 5.7.1 Service unavailable; Client host [198.51.100.23] blocked using zen.spamhaus.org",
      "554 5.0.0 Service unavailable",
    ].join("\n"),
    codes: [["554", "bounce"], ["5.7.1", "bounce"], ["5.0.0", "bounce"]],
    pairs: ["/en/5.0.0-vs-5.7.1/"],
  },

  // ---- Microsoft Exchange and Microsoft 365 --------------------------------------------
  {
    name: "Microsoft 365 NDR: 5.1.10 RESOLVER.ADR.RecipientNotFound, with its headers",
    text: [
      "Delivery has failed to these recipients or groups:",
      "",
      "judy@example.org",
      "The email address you entered couldn't be found.",
      "",
      "Diagnostic information for administrators:",
      "",
      "Generating server: AM6PR04MB5430.eurprd04.prod.outlook.com",
      "",
      "judy@example.org",
      "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient judy@example.org not found by SMTP address lookup'",
      "",
      "Original message headers:",
      "",
      "Received: from AM6PR04MB5430.eurprd04.prod.outlook.com",
      " ([fe80::3d1c:4a2b:2f3e:9c1a]) by AM6PR04MB5430.eurprd04.prod.outlook.com",
      " ([fe80::3d1c:4a2b:2f3e:9c1a%6]) with mapi id 15.20.7587.028; Tue, 14 May 2024",
      " 01:21:07 +0000",
    ].join("\n"),
    codes: [["550", "bounce"], ["5.1.10", "bounce"]],
    pairs: [],
  },
  {
    name: "Microsoft 365: 5.7.509 DMARC reject",
    text:
      "Remote Server returned '550 5.7.509 Access denied, sending domain example.com does not pass " +
      "DMARC verification and has a DMARC policy of reject. [DB5PEPF00014B8F.eurprd02.prod.outlook.com " +
      "2024-05-14T01:21:07.123Z 08DC7386E0B7A1F2]'",
    codes: [["550", "bounce"], ["5.7.509", "bounce"]],
    pairs: [],
    says: [/Who has to actThe sending system's admin/],
  },
  {
    name: "Microsoft 365 SMTP AUTH from an application: 5.7.57, then 535 5.7.139",
    text:
      "System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the client was " +
      "not authenticated. The server response was: 5.7.57 Client not authenticated to send mail. " +
      "Error: 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the " +
      "Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. " +
      "[TYAPR01CA0123.jpnprd01.prod.outlook.com 2024-05-14T01:21:07.123Z 08DC7386E0B7A1F2]",
    codes: [["5.7.57", "bounce"], ["535", "client-decides"], ["5.7.139", "client-decides"]],
    pairs: ["/en/5.7.57-vs-5.7.139/"],
  },
  {
    name: "Outlook.com: 5.7.515 authentication level",
    text:
      "550 5.7.515 Access denied, sending domain [example.com] doesn't meet the required authentication " +
      "level. The sender's domain in the 5322.From address doesn't meet the authentication requirements " +
      "defined for the sender.",
    codes: [["550", "bounce"], ["5.7.515", "bounce"]],
    pairs: [],
  },
  {
    name: "Exchange on-premises: #550 5.1.1 RESOLVER ##",
    text: "bob@example.org\n#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##",
    codes: [["550", "bounce"], ["5.1.1", "bounce"]],
    pairs: [],
  },

  // ---- Gmail ---------------------------------------------------------------------------
  {
    name: "Gmail multi-line 550-5.7.1 unsolicited mail",
    text: [
      "550-5.7.1 [203.0.113.25] Our system has detected that this message is",
      "550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail,",
      "550-5.7.1 this message has been blocked. For more information, go to",
      "550 5.7.1  https://support.google.com/mail/?p=UnsolicitedMessageError d9443c01a7336-1f0c - gsmtp",
    ].join("\n"),
    codes: [["550", "bounce"], ["5.7.1", "bounce"]],
    pairs: [],
  },
  {
    name: "Gmail multi-line 550-5.1.1 no such user",
    text: [
      "550-5.1.1 The email account that you tried to reach does not exist. Please try",
      "550-5.1.1 double-checking the recipient's email address for typos or",
      "550-5.1.1 unnecessary spaces. For more information, go to",
      "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser a640c23a62f3a-a5a1 - gsmtp",
    ].join("\n"),
    codes: [["550", "bounce"], ["5.1.1", "bounce"]],
    pairs: [],
  },
  {
    name: "Gmail rate limit: 421-4.7.28",
    text: [
      "421-4.7.28 [203.0.113.25      15] Our system has detected an unusual rate of",
      "421-4.7.28 unsolicited mail originating from your IP address. To protect our",
      "421-4.7.28 users from spam, mail sent from your IP address has been temporarily",
      "421-4.7.28 rate limited. Please visit",
      "421-4.7.28  https://support.google.com/mail/?p=UnsolicitedRateLimitError to",
      "421 4.7.28 review our Bulk Email Senders Guidelines. 41be03b00d2f7-6f4f - gsmtp",
    ].join("\n"),
    codes: [["421", "retry"], ["4.7.28", "retry"]],
    retry: { 421: "sometimes", "4.7.28": "sometimes" },
    pairs: [],
  },
  {
    name: "Gmail blocks an IP for now: 421-4.7.0 with gsmtp (Gmail's reading of 4.7.0 shown)",
    text: [
      "421-4.7.0 [203.0.113.25      15] Our system has detected an unusual rate of",
      "421-4.7.0 unsolicited mail originating from your IP address. To protect our",
      "421-4.7.0 users from spam, mail sent from your IP address has been temporarily",
      "421-4.7.0 blocked. Please visit",
      "421-4.7.0  https://support.google.com/mail/?p=UnsolicitedIPError to",
      "421 4.7.0 review our Bulk Email Senders Guidelines. 41be03b00d2f7-6f4f - gsmtp",
    ].join("\n"),
    codes: [["421", "retry"], ["4.7.0", "retry"]],
    retry: { 421: "sometimes", "4.7.0": "sometimes" },
    providers: ["google-4.7.0"],
    pairs: [],
  },
  {
    name: "Gmail over quota: 452-4.2.2 (a retry alone does not help)",
    text: [
      "452-4.2.2 The recipient's inbox is out of storage space. Please direct the",
      "452-4.2.2 recipient to",
      "452 4.2.2  https://support.google.com/mail/?p=OverQuotaTemp 6a1803df08f44-6a0f - gsmtp",
    ].join("\n"),
    codes: [["452", "retry"], ["4.2.2", "retry"]],
    retry: { 452: "sometimes", "4.2.2": "no" },
    pairs: [],
    says: [/No, not until someone acts/],
  },
  {
    name: "Gmail missing PTR: 550-5.7.25",
    text: [
      "550-5.7.25 [203.0.113.25] The IP address sending this message does not have a",
      "550-5.7.25 PTR record setup, or the corresponding forward DNS entry does not",
      "550-5.7.25 point to the sending IP. As a policy, Gmail does not accept messages",
      "550-5.7.25 from IPs with missing PTR records. For more information, go to",
      "550 5.7.25  https://support.google.com/mail/answer/81126#ip-practices 5b1f17b1804b1-4201 - gsmtp",
    ].join("\n"),
    codes: [["550", "bounce"], ["5.7.25", "bounce"]],
    pairs: [],
  },

  // ---- Yahoo ---------------------------------------------------------------------------
  {
    name: "Yahoo deferral: 421 4.7.0 [TSS04] (4.16.55.1 is no code)",
    text:
      "421 4.7.0 [TSS04] Messages from 203.0.113.25 temporarily deferred due to unexpected volume or " +
      "user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes",
    codes: [["421", "retry"], ["4.7.0", "retry"]],
    retry: { 421: "sometimes", "4.7.0": "sometimes" },
    // Yahoo's TSS04 entry, not Gmail's reading of 4.7.0: the text names no Google mark.
    providers: ["yahoo-tss04"],
    pairs: [],
  },
  {
    name: "Yahoo: user has no account (554 without an enhanced code)",
    text:
      "554 delivery error: dd This user doesn't have a yahoo.com account (bob@yahoo.com) [0] - " +
      "mta1234.mail.gq1.yahoo.com",
    codes: [["554", "bounce"]],
    pairs: [],
  },

  // ---- Delivery status notifications (RFC 3464) ----------------------------------------
  {
    name: "DSN, delayed: Status: 4.4.1 and an X-Postfix Diagnostic-Code",
    text: [
      "Reporting-MTA: dns; mail.example.com",
      "X-Postfix-Queue-ID: 4B1F2C0A12",
      "X-Postfix-Sender: rfc822; alice@example.com",
      "Arrival-Date: Tue, 14 May 2024 10:21:07 +0900 (JST)",
      "",
      "Final-Recipient: rfc822; kim@example.org",
      "Original-Recipient: rfc822;kim@example.org",
      "Action: delayed",
      "Status: 4.4.1",
      "Remote-MTA: dns; mx.example.org",
      "Diagnostic-Code: X-Postfix; connect to mx.example.org[203.0.113.5]:25: Connection timed out",
      "Will-Retry-Until: Sun, 19 May 2024 10:21:07 +0900 (JST)",
    ].join("\n"),
    codes: [["4.4.1", "retry"]],
    retry: { "4.4.1": "sometimes" },
    pairs: [],
  },
  {
    name: "DSN, failed: Status: 5.7.1 before Diagnostic-Code: smtp;550 (no space)",
    text: [
      "Final-Recipient: rfc822;judy@example.org",
      "Action: failed",
      "Status: 5.7.1",
      "Diagnostic-Code: smtp;550 5.7.1 RESOLVER.RST.AuthRequired; authentication required [Stage: CreateMessage]",
    ].join("\n"),
    codes: [["5.7.1", "bounce"], ["550", "bounce"]],
    pairs: [],
  },
  {
    name: "DSN with two recipients: mailbox full and user unknown",
    text: [
      "Final-Recipient: rfc822; leo@example.org",
      "Action: failed",
      "Status: 5.2.2",
      "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full",
      "",
      "Final-Recipient: rfc822; mia@example.org",
      "Action: failed",
      "Status: 5.1.1",
      "Diagnostic-Code: smtp; 550 5.1.1 No such user",
    ].join("\n"),
    codes: [["5.2.2", "bounce"], ["552", "bounce"], ["5.1.1", "bounce"], ["550", "bounce"]],
    pairs: ["/en/5.1.1-vs-5.2.2/", "/en/550-vs-552/"],
  },

  // ---- Japanese pages and Japanese punctuation -----------------------------------------
  {
    name: "Gmail bounce as shown in Japanese (応答：)",
    lang: "ja",
    text: [
      "アドレスが見つかりませんでした",
      "taro@example.jp にメールを配信できませんでした。このアドレスが見つからないか、メールを受信できないアドレスです。",
      "応答：",
      "",
      "リモート サーバーからの応答: 550 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown in local recipient table",
    ].join("\n"),
    codes: [["550", "bounce"], ["5.1.1", "bounce"]],
    pairs: [],
    says: [/送信者に返送される（バウンスメール）/, /対処方法: /],
  },
  {
    name: "Japanese ISP notice: エラーコード：５５２　５．２．２ (full-width digits and space)",
    lang: "ja",
    text: [
      "以下の宛先へのメール配送に失敗しました。",
      "宛先：hanako@example.jp",
      "エラーコード：５５２　５．２．２",
      "理由：メールボックスの容量がいっぱいです（Mailbox full）",
    ].join("\n"),
    codes: [["552", "bounce"], ["5.2.2", "bounce"]],
    pairs: [],
    says: [/対処が必要な人受信者/],
  },
  {
    name: "Japanese: a deferral in 「（」 with full-width digits",
    lang: "ja",
    text: "送信できませんでした（４２１　４．４．５　混雑のため、しばらくしてから再送してください）",
    codes: [["421", "retry"], ["4.4.5", "retry"]],
    retry: { 421: "sometimes", "4.4.5": "yes" },
    pairs: [],
    says: [/キューに残り、送信側サーバーが再送する/, /多くの場合、解消する/],
  },
  {
    name: "Japanese: a greylisting reply quoted in 「」",
    lang: "ja",
    text: "【重要】配送遅延のお知らせ：相手先サーバーから「451 4.7.1 Greylisting in action, please come back later」と応答がありました。",
    codes: [["451", "retry"], ["4.7.1", "retry"]],
    retry: { 451: "sometimes", "4.7.1": "sometimes" },
    pairs: [],
  },
  {
    name: "Japanese Outlook NDR: 5.1.10 in リモート サーバーから '…' が返されました",
    lang: "ja",
    text: [
      "次の受信者またはグループへの配信に失敗しました:",
      "jiro@example.jp",
      "管理者向けの診断情報:",
      "生成元サーバー: TYCPR01MB8765.jpnprd01.prod.outlook.com",
      "リモート サーバーから '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient jiro@example.jp not found by SMTP address lookup' が返されました",
    ].join("\n"),
    codes: [["550", "bounce"], ["5.1.10", "bounce"]],
    pairs: [],
  },
  {
    name: "Japanese web page copy: ５５０－５．７．２６ (full-width hyphen and letters)",
    lang: "ja",
    text: "Ｇｍａｉｌの応答：５５０－５．７．２６　Ｕｎａｕｔｈｅｎｔｉｃａｔｅｄ　ｅｍａｉｌ　ｉｓ　ｎｏｔ　ａｃｃｅｐｔｅｄ",
    codes: [["550", "bounce"], ["5.7.26", "bounce"]],
    pairs: [],
  },

  // ---- Codes the site has no page for --------------------------------------------------
  {
    name: "Unknown basic and enhanced codes: 599 5.9.9 from a content filter",
    text: "599 5.9.9 Unexpected response from content filter",
    codes: [["599", null], ["5.9.9", null]],
    pairs: [],
    says: [
      /599 is not in this reference yet/,
      /its class: 5xx Permanent Negative Completion/,
      /its class: 5\.X\.XXX Permanent Failure/,
      /Subject: Unregistered Subject/,
    ],
  },
  {
    name: "Unknown 471 next to a known 4.7.1",
    text: "471 4.7.1 Please try again later: unable to verify sender",
    codes: [["471", null], ["4.7.1", "retry"]],
    retry: { "4.7.1": "sometimes" },
    pairs: [],
    says: [/its class: 4xx Transient Negative Completion/],
  },
  {
    name: "DSN with an unknown 4.4.99 and a known 421",
    text: [
      "Action: delayed",
      "Status: 4.4.99",
      "Diagnostic-Code: smtp; 421 4.4.99 Upstream connection limit reached",
    ].join("\n"),
    codes: [["4.4.99", null], ["421", "retry"]],
    retry: { 421: "sometimes" },
    pairs: [],
    says: [/4\.4\.99 is not in this reference yet/, /4\.X\.XXX Persistent Transient Failure/, /Subject: Network and Routing Status/],
  },
  {
    name: "Unknown codes on the Japanese page",
    lang: "ja",
    text: "エラー：５９９　５．９．９",
    codes: [["599", null], ["5.9.9", null]],
    pairs: [],
    says: [/クラスは 5xx 恒久的否定完了です/, /未登録の分類/],
  },

  // ---- Provider practice: codes that providers define, not standards -------------------
  {
    name: "Microsoft: 550 5.7.606 banned sending IP (shown as Microsoft's 5.7.606-5.7.649)",
    text:
      "550 5.7.606 Access denied, banned sending IP [203.0.113.25]. To request removal from this " +
      "list please visit https://sender.office.com/ and follow the directions.",
    // 5.7.606 has no code page: the provider entry explains it, instead of the class line.
    codes: [["550", "bounce"]],
    providers: ["microsoft-5.7.606-5.7.649"],
    pairs: [],
  },
  {
    name: "Outlook.com: 451 4.7.650 rate limited due to IP reputation (inside Microsoft's 4.7.500-4.7.699)",
    text:
      "H=hotmail-com.olc.protection.outlook.com [52.101.73.17]: SMTP error from remote mail server " +
      "after pipelined MAIL FROM:<news@example.com> SIZE=4169: 451 4.7.650 The mail server " +
      "[203.0.113.25] has been temporarily rate limited due to IP reputation. For e-mail delivery " +
      "information, see https://aka.ms/postmaster (S775)",
    // 4.7.650 has no code page: Microsoft's range entry explains it, instead of the class line.
    codes: [["451", "retry"]],
    retry: { 451: "sometimes" },
    providers: ["microsoft-4.7.500-4.7.699"],
    pairs: [],
  },
  {
    name: "Yahoo deferral with its token: 421 4.7.0 [TSS04]",
    text:
      "421 4.7.0 [TSS04] Messages from 203.0.113.25 temporarily deferred due to unexpected volume or " +
      "user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes",
    codes: [["421", "retry"], ["4.7.0", "retry"]],
    retry: { 421: "sometimes", "4.7.0": "sometimes" },
    providers: ["yahoo-tss04"],
    pairs: [],
  },
  {
    name: "A bare 571, which nobody defines (folklore)",
    text: "571 Delivery not authorized, message refused",
    codes: [],
    providers: ["folklore-571"],
    pairs: [],
  },
  {
    name: "A token inside a longer word is no token: XTSS04, TSS045",
    text: "421 4.7.0 XTSS04 TSS045 deferred",
    codes: [["421", "retry"], ["4.7.0", "retry"]],
    retry: { 421: "sometimes", "4.7.0": "sometimes" },
    pairs: [],
  },

  // ---- Pasted HTML ---------------------------------------------------------------------
  {
    name: "A web-mail bounce pasted as HTML, with a script and an event handler in it",
    text:
      '<p>Your message wasn\'t delivered: <b>550 5.1.1</b> &lt;bob@example.org&gt;</p>' +
      '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">' +
      '<a href="javascript:window.__pwned = 3">details</a>',
    codes: [["550", "bounce"], ["5.1.1", "bounce"]],
    pairs: [],
  },
];
