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
family-basic-short = SMTP
family-enhanced-short = SMTP 拡張ステータス
class-basic = { $class ->
    [2] 2xx 肯定完了
    [3] 3xx 肯定中間
    [4] 4xx 一時的否定完了
   *[5] 5xx 恒久的否定完了
}
class-enhanced = { $class ->
    [2] 2.X.X 成功
    [4] 4.X.X 持続的一時エラー
   *[5] 5.X.X 恒久的エラー
}
# diff-outcome と code-outcome の中で使う、文を完結させる句です。
outcome = { $class ->
    [2] 要求は成功しており、再送の必要はありません
    [3] サーバーはコマンドを受け付け、続きの入力を待っています
    [4] 一時的エラーです。送信側サーバーはメッセージを保持し、後で再送します
   *[5] 恒久的エラーです。同じメッセージを同じ方法で送り直しても、再び失敗します
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
rfc = RFC { $number }
rfc-section = RFC { $number } の { $sections } 節

## コードのページ

code-title = SMTP { $code } { $name }
code-class = クラス
code-subject = 分類
code-sent = 返されるタイミング
code-defined-in = 定義
code-used-with = 組み合わされる基本応答コード
code-enhanced-companions = 拡張ステータスコード
code-outcome = これは { $class }の応答です。{ $outcome }。
code-compare = { $code } と比較する
code-related = 関連するコード

## コードとペアのページに共通の見出し

heading-description = 説明
heading-when = このコードが表示される場合
heading-fix = 解決方法
heading-samples = 応答の例
heading-differences = 主な違い
heading-which = どちらをいつ使うか
heading-learn-more = 詳しく見る

## ペアのページ

pair-title = SMTP { $a } { $a-name } vs { $b } { $b-name }
pair-description = { $a }「{ $a-name }」と { $b }「{ $b-name }」の違いは？ 二つの SMTP 応答の意味、サーバーが返す場面、対処方法を比べます。
pair-lead = { $same ->
    [yes] { $a } と { $b } は、どちらも { $a-class }の応答です。
   *[no] { $a } は { $a-class }の応答で、{ $b } は { $b-class }の応答です。
}
diff-outcome = { $a } の場合、{ $a-outcome }。{ $b } の場合、{ $b-outcome }。
diff-stage = { $same ->
    [yes] どちらも { $a-stages } 返されます。違いは、上で説明した理由にあります。
   *[no] { $a } は { $a-stages }、{ $b } は { $b-stages } 返されます。
}
diff-subject = { $same ->
    [yes] どちらも「{ $a-subject }」（X.{ $a-number }.X）に属します。
   *[no] { $a } は「{ $a-subject }」（X.{ $a-number }.X）、{ $b } は「{ $b-subject }」（X.{ $b-number }.X）を表します。
}
diff-basic-companions = { $a } と組み合わせて返される拡張ステータスコードには { $a-codes } などがあり、{ $b } では { $b-codes } などがあります。
diff-enhanced-companions = { $a } は基本応答コード { $a-codes } と、{ $b } は { $b-codes } と組み合わせて返されます。
diff-rfcs = { $same ->
    [yes] どちらも { $a-rfcs } で定義されています。
   *[no] { $a } は { $a-rfcs }、{ $b } は { $b-rfcs } で定義されています。
}
which-item = { $code }「{ $name }」が返された場合:
learn-code = { $code } { $name } の詳細
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
jump-label = コードへ移動
jump-hint = 55 や 5.7 のようにコードの先頭を入力し、Enter キーを押してください。
jump-button = 移動
jump-none = { $query } で始まるコードはありません。
