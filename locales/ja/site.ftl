# 日本語の表示文字列。英語版（locales/en/site.ftl）と同じ ID をすべて定義します。
# { $変数 } を含むメッセージは文全体です。ジェネレーターが埋め込むのは、コード番号、名前、
# このファイルで定義した短い句だけです。

## サイト全体

site-name = SMTP 応答コード辞典
site-tagline = SMTP の応答コードと拡張ステータスコードの意味と、その対処方法をまとめています。
nav-skip = 本文へ移動
nav-home = ホーム
nav-breadcrumb = 現在位置
nav-languages = 言語
footer-note = 各コードの意味は、そのコードを定義する RFC に基づいています。内容はオープンソースです。修正や翻訳の提案を歓迎します。

## ファミリーとクラス

family-basic = 基本応答コード
family-enhanced = 拡張ステータスコード
# same as English: プロトコル名です。
family-basic-short = SMTP
family-enhanced-short = SMTP 拡張ステータス
class-basic = { $class ->
    [2] 2xx 肯定完了
    [3] 3xx 肯定中間
    [4] 4xx 一時的否定完了
   *[5] 5xx 恒久的否定完了
}
class-enhanced = { $class ->
    [2] 2.X.XXX 成功
    [4] 4.X.XXX 持続的一時エラー
   *[5] 5.X.XXX 恒久的エラー
}
subject = { $subject ->
    [0] その他・未定義のステータス
    [1] アドレスに関するステータス
    [2] メールボックスに関するステータス
    [3] メールシステムに関するステータス
    [4] ネットワークとルーティングに関するステータス
    [5] メール配送プロトコルに関するステータス
    [6] メッセージの内容・メディアに関するステータス
    [7] セキュリティ・ポリシーに関するステータス
   *[other] 未登録の分類
}
# 「…返されます」の「…」に入る句です。
stage-connect = 接続直後のグリーティングとして
# $commands は「MAIL FROM、RCPT TO」のような SMTP コマンド名です（翻訳しません）。
stage-commands = { $commands } への応答として
stage-message = メッセージ本文の転送が終わった後に
stage-any = あらゆるコマンドへの応答として
list-or = { $head }、または { $last }
list-and = { $head }、{ $last }
list-separator = 、
sentence-separator = {""}
# same as English: 文書番号の書き方は英語と同じです。
rfc = RFC { $number }
rfc-section = RFC { $number } の { $sections } 節

## コードのページ

# same as English: コード番号と（翻訳済みの）名前を並べるだけです。
code-title = SMTP { $code } { $name }
code-class = クラス
code-subject = 分類
code-sent = 返されるタイミング
code-defined-in = 定義
code-sources = 出典
source-standard = このコードを定義している標準
source-context = 背景のみ（このコードを定義している標準ではない）
source-draft = インターネットドラフト（標準ではない）
source-registry = IANA レジストリでの対応付けのみ
source-provider = 事業者の運用（標準ではない）
code-used-with = 組み合わされる基本応答コード
code-enhanced-companions = 拡張ステータスコード
code-compare = { $code } と比較する
code-compare-first = { $code } とよく比較されるコード
code-related = 関連するコード

## コードとペアのページに共通の見出し

heading-description = 説明
heading-when = このコードが表示される場合
heading-fix = 解決方法
heading-samples = 応答の例
heading-which = それぞれの対処
heading-learn-more = 詳しく見る

## ペアのページ

# same as English: 検索で使われる「vs」をそのまま使います。
pair-title = SMTP { $a } { $a-name } vs { $b } { $b-name }
pair-description = { $a }「{ $a-name }」と { $b }「{ $b-name }」の違いは？ 二つの SMTP 応答の意味、サーバーが返す場面、対処方法を比べます。
# 比較表：項目ごとに 1 行、二つのコードを列に並べます。
compare-caption = { $a } と { $b } の比較
compare-fact = 項目
compare-differs = 相違点
row-meaning = 意味
row-next = メールはどうなるか
row-retry = 再送だけで解消するか
row-acts = 対処が必要な人
row-cause = 原因
fact-next = { $next ->
    [none] 処理は完了（要求は成功）
    [continue] クライアントがセッションを続ける
    [retry] キューに残り、送信側サーバーが再送する
    [bounce] 送信者に返送される（バウンスメール）
   *[client-decides] キューは関係せず、クライアントが判断する
}
fact-retry = { $retry ->
    [yes] 多くの場合、解消する
    [sometimes] 場合による
    [no] 誰かが対処するまで解消しない
   *[none] 該当しない
}
fact-actor = { $actor ->
    [nobody] 不要
    [sender] 送信者
    [sender-admin] 送信側の管理者
    [receiver-admin] 受信側の管理者
   *[recipient] 受信者
}
# 先頭が「不要」のとき：通常は対処不要、続く場合はほかの人が対処します。
fact-acts-usually-nobody = 通常は不要（続く場合は{ $others }）
fact-cause = { $cause ->
    [addressing] アドレス
    [mailbox] メールボックス
    [policy] ポリシー
    [authentication] 認証
    [security] セキュリティ・TLS
    [content] メッセージの内容
    [capacity] サイズ・容量
    [rate] 送信レート制限
    [protocol] プロトコル・構文
    [routing] ルーティング
   *[system] 受信側のシステム
}
fact-no-cause = なし（エラーではありません）
# ペアのページの冒頭で、異なる項目から組み立てる「主な違い」の文です。
# key-*-clause は一つのコードについての節で、コード番号で始まり「〜です／〜ます」で終わります。
key-first = { $a-clause }。一方、{ $b-clause }。
key-more = { $a-clause }が、{ $b-clause }。
key-fate-clause = { $next ->
    [none] { $code } は成功を示す応答で、これ以上の処理は必要ありません
    [continue] { $code } は中間応答で、クライアントはそのままセッションを続けます
    [retry] { $code } は一時的エラーで、送信側サーバーはメールをキューに残して再送します
    [bounce] { $code } は恒久的エラーで、送信側サーバーは配送をあきらめ、メールは送信者に返送されます
   *[client-decides] { $outcome ->
        [transient] { $code } は AUTH や STARTTLS などのセッションコマンドを一時的に拒否する応答で、キューは関係せず、再試行するかどうかはクライアントが決めます
       *[permanent] { $code } は AUTH や STARTTLS などのセッションコマンドを恒久的に拒否する応答で、キューは関係せず、クライアントは送る内容を変える必要があります
    }
}
key-retry-clause = { $retry ->
    [yes] { $code } は、多くの場合、誰も対処しなくても再送で解消します
    [sometimes] { $code } は、再送までに原因がなくなっていれば解消します
   *[no] { $code } は、誰かが対処するまで再送しても解消しません
}
key-acts-clause = { $actor ->
    [nobody] { $code } は誰も対処する必要がありません
    [sender] { $code } は送信者が対処します
    [sender-admin] { $code } は送信側の管理者が対処します
    [receiver-admin] { $code } は受信側の管理者が対処します
   *[recipient] { $code } は受信者が対処します
}
key-cause-clause = { $cause ->
    [addressing] { $code } はアドレスそのものの問題です
    [mailbox] { $code } は受信者のメールボックスの問題です
    [policy] { $code } は受信側のポリシーによる判断です
    [authentication] { $code } は認証の問題です
    [security] { $code } は暗号化などのセキュリティ要件の問題です
    [content] { $code } はメッセージの内容の問題です
    [capacity] { $code } はサイズや容量の制限の問題です
    [rate] { $code } は送信量や送信速度の問題です
    [protocol] { $code } はプロトコルや構文の誤りです
    [routing] { $code } はメールの配送経路（ルーティング）の問題です
   *[system] { $code } は受信側のシステムの障害や状態の問題です
}
key-stage-clause = { $code } は { $stages }返されます
# 二つのコードに共通する点は一度だけ述べます。
key-both-fate = { $next ->
    [none] { $a } と { $b } は、どちらも成功を示す応答で、これ以上の処理は必要ありません。
    [continue] { $a } と { $b } は、どちらも中間応答で、クライアントはそのままセッションを続けます。
    [retry] { $a } と { $b } は、どちらも一時的エラーで、送信側サーバーはメールをキューに残して再送します。
    [bounce] { $a } と { $b } は、どちらも恒久的エラーで、メールは送信者に返送されます。
   *[client-decides] { $a } と { $b } は、どちらもセッションコマンドへの応答で、キューは関係せず、どうするかはクライアントが決めます。
}
key-both-stage = { $a } と { $b } は、どちらも { $stages }返されます。
# 項目がすべて同じ二つのコードは、伝える状態だけが異なります。
key-only-condition = 違いは伝える状態にあります。{ $a } は「{ $a-name }」、{ $b } は「{ $b-name }」を表します。
# 手書きの比較の見出し
heading-tell-apart = どちらが返されたかの見分け方
heading-what-to-do = 対処方法
heading-sources = 出典
which-item = { $code }「{ $name }」が返された場合
learn-code = { $code }「{ $name }」の詳細
learn-pair = { $a } と { $b } の比較
learn-rfc = { $rfc } を読む

## ホーム、ルート、404

home-title = SMTP 応答コードと拡張ステータスコード
home-description = SMTP のすべての応答コードと拡張ステータスコードについて、意味、サーバーが返す場面、解決方法を解説し、二つのコードを並べて比較できます。
home-intro = バウンスメールやメールログに記録されたコードを探してください。コードごとの解説ページがあり、同じ種類のコードは二つずつ並べて比較できます。
root-title = SMTP 応答コード辞典：言語を選択
root-intro = 言語を選択してください。
notfound-title = ページが見つかりません
notfound-text = このアドレスにはページがありません。コードは /ja/550/、比較は /ja/550-vs-554/ のようなアドレスにあります。

## 翻訳の状況

translations-title = 翻訳の状況
translations-intro = 各言語がサイトのどこまでを翻訳済みかを示します。未翻訳の部分は英語で表示されます。
translations-locale = 言語
translations-messages = 画面の文言
translations-prose = コードの解説
translations-stale = 更新が必要
translations-missing = 未翻訳
translations-done = 完了率
translations-draft = 下書き
translations-how = 翻訳はプルリクエストで受け付けています。リポジトリの CONTRIBUTING.md をご覧ください。下書きの言語はプレビュー用にビルドされ、翻訳が完了した時点で公開されます。

## バウンス解析とコードへの移動（スクリプトは /{lang}/codes.json から読み込みます）

decoder-title = SMTP バウンス解析：このエラーの意味は？
decoder-description = バウンスメールや SMTP 応答を貼り付けると、応答コードと拡張ステータスコードの意味を表示し、それぞれの解説ページへ案内します。
decoder-heading = バウンスを解析する
decoder-intro = バウンスメールやメールログのエラーを貼り付けてください（1 行でもメッセージ全体でも構いません）。含まれるコードの意味を表示します。
decoder-label = バウンスメールまたは SMTP 応答
# same as English: サーバーが返す応答の例で、翻訳しません。
decoder-placeholder = 550 5.1.1 <user@example.com>: Recipient address rejected
decoder-button = コードを解説する
decoder-how-heading = SMTP 応答の読み方
decoder-how-basic = 応答は 550 のような 3 桁の基本応答コードで始まります。先頭の数字で、配送された（2）、後で再送される（4）、配送できなかった（5）がわかります。
decoder-how-enhanced = 多くのサーバーは、その後に 5.1.1 のような三つの数字からなる拡張ステータスコードを付けます。配送状態通知（DSN）では「Status: 5.1.1」のような行に表示されます。
decoder-nojs = 解析には JavaScript が必要ですが、無効になっています。代わりに、すべてのコードの一覧から各コードを探せます。
decoder-all-codes = すべてのコードの一覧
decoder-results = コードの意味
decoder-unknown = { $code } はまだこの辞典に載っていません。
decoder-unknown-class = 先頭の数字から、クラスは { $class }です。
decoder-none = SMTP のコードが見つかりませんでした。550 のような 3 桁のコードで始まる行か、バウンスの「Status:」の行を貼り付けてください。
decoder-loading = コードの一覧を読み込んでいます…
decoder-failed = コードの一覧を読み込めませんでした。代わりにすべてのコードの一覧をご利用ください。
decoder-compare = 比較する:
decoder-private = 解析はすべてお使いのブラウザーの中で行われます。貼り付けた内容が、このサイトを含め外部に送信されることはありません。
decoder-more = 見つかったコードのうち、最初の { $shown } 件だけを解説しています。残りを見るには、貼り付ける範囲を短くしてください。
jump-label = コードへ移動
jump-hint = 55 や 5.7 のようにコードの先頭を入力し、Enter キーを押してください。
nav-decoder = バウンスメール全体を貼り付けて解析する
jump-button = 移動
jump-none = { $query } で始まるコードはありません。

## クラスと分類のページ（RFC 3463）

# $group は RFC 3463 の書き方によるクラス・分類の名前（5.X.XXX、X.7.XXX）、$name はその名称です。
group-title = SMTP 拡張ステータス { $group } { $name }
group-codes = { $kind ->
    [class] このクラスのコード
   *[subject] この分類のコード
}
group-no-codes = { $kind ->
    [class] このクラスのコードの解説はまだありません。
   *[subject] この分類のコードの解説はまだありません。
}
group-source = { $status ->
    [standard] { $kind ->
        [class] このクラスを定義している標準
       *[subject] この分類を定義している標準
    }
    [context] 背景のみ（定義そのものではない）
    [draft] インターネットドラフト（標準ではない）
    [registry] IANA レジストリでの対応付けのみ
   *[provider] 事業者の運用（標準ではない）
}
home-groups = 拡張ステータスコードのクラスと分類

## 事業者のコード：標準ではなく事業者が定めるコードと応答文（issue 18）
## `provider-` で始まる ID は事業者の名前です（content/providers.yaml の事業者ごとに
## `provider-<id>`）。ページの文言は `practice-`、`folklore-`、`providers-` を使います。

# same as English: 社名です。
provider-microsoft = Microsoft
# same as English: 社名です。
provider-google = Google
# same as English: 社名です。
provider-yahoo = Yahoo
provider-folklore = どこにも定義されていないコード
# $provider は事業者の名前、$code は事業者の書き方によるコード（5.7.606-5.7.649、TSS04）、
# $name は項目の名称です。
practice-entry-title = { $provider } の { $code }：{ $name }
folklore-entry-title = { $code }：{ $name }
practice-marker = 事業者独自の運用であり、標準ではありません。
practice-note = このコードとその意味は、事業者が実際に返す応答と事業者自身の資料に基づくもので、RFC によるものではありません。他のサーバーが同じコードを別の意味で返すこともあります。
folklore-marker = 慣習的に使われているだけで、標準ではありません。
folklore-note = このコードは、どの標準にも、どの事業者の資料にも定義されていません。実際のバウンスメールで見かけることがあり、下に挙げる標準のコードの代わりに使われています。
practice-replies = 事業者のサーバーが返す応答
folklore-replies = 実際のバウンスメールでの現れ方
practice-standard = 組み合わされる標準のコード
providers-title = 事業者のコード：大手メール事業者が標準のコード以外に返すもの
providers-heading = 事業者のコード
providers-intro = 大手のメール事業者は、標準のコードに加えて、独自のコードや応答文を返すことがあります。ここでは事業者自身の資料をもとに、その一つ一つを解説します。
providers-practice-note = 各項目には出典となる事業者のページを示しています。他のサーバーが同じ番号を別の意味で使うこともあります。
# $provider は事業者の名前です。
providers-cited = { $provider } の資料を出典とするコードのページ
home-providers = 大手メール事業者の独自のコードと応答文
code-providers = 事業者がこのコードとともに返すもの
