/**
 * Translations (es_ES, de_DE, ja_JP) of some articles. `kb_language` returns these when they exist, else
 * the default language (en_US). The Japanese texts are real Japanese (no spaces between words), so a
 * search index that splits on spaces alone finds nothing in them.
 */
import type { Translation } from "../types";
import { body, h2, insertArticle, ol, p, table } from "./html";

export const TRANSLATIONS: Record<number, Record<string, Translation>> = {
  1: {
    ja_JP: {
      name: "Acme へようこそ：かんたんツアー",
      description: "ワークスペース、プロジェクト、ボード、レポートを5分で紹介します。",
      body: body(
        p("Acme は、チームが作業を計画し、ボードで進捗を追い、スプレッドシートを使わずに報告できるようにするサービスです。"),
        h2("ワークスペースとプロジェクト"),
        p("<strong>ワークスペース</strong>には、会社が Acme で行うすべてが入ります。各<strong>プロジェクト</strong>には専用のボード、ファイル、メンバーがあります。"),
      ),
    },
    es_ES: {
      name: "Bienvenido a Acme: un recorrido rápido",
      description: "Un recorrido de cinco minutos por espacios de trabajo, proyectos, tableros e informes.",
      body: body(
        p("Acme ayuda a los equipos a planificar el trabajo, seguirlo en tableros e informar sobre él sin hojas de cálculo."),
        h2("Espacios de trabajo y proyectos"),
        p("Un <strong>espacio de trabajo</strong> contiene todo lo que su empresa hace en Acme. Cada <strong>proyecto</strong> tiene su propio tablero, archivos y miembros."),
      ),
    },
    de_DE: {
      name: "Willkommen bei Acme: eine kurze Tour",
      description: "Eine fünfminütige Tour durch Arbeitsbereiche, Projekte, Boards und Berichte.",
      body: body(
        p("Acme hilft Teams, Arbeit zu planen, auf Boards zu verfolgen und ohne Tabellen darüber zu berichten."),
        h2("Arbeitsbereiche und Projekte"),
        p("Ein <strong>Arbeitsbereich</strong> enthält alles, was Ihr Unternehmen in Acme tut. Jedes <strong>Projekt</strong> hat ein eigenes Board, Dateien und Mitglieder."),
      ),
    },
  },
  2: {
    ja_JP: {
      name: "Acme アカウントを作成する",
      description: "仕事用のメールアドレスまたは Google で登録し、アドレスを確認します。",
      body: body(p("Acme のアカウントは、仕事用のメールアドレスまたは Google アカウントで作成できます。"), p("確認用リンクの有効期限は24時間です。期限が切れた場合は、サインインして確認メールを再送してください。")),
    },
    es_ES: {
      name: "Crear su cuenta de Acme",
      description: "Regístrese con su correo del trabajo o con Google y verifique su dirección.",
      body: body(p("Puede crear una cuenta de Acme con su correo del trabajo o con Google."), p("El enlace de verificación es válido durante 24 horas.")),
    },
    de_DE: {
      name: "Ihr Acme-Konto erstellen",
      description: "Registrieren Sie sich mit Ihrer geschäftlichen E-Mail-Adresse oder mit Google.",
      body: body(p("Sie können ein Acme-Konto mit Ihrer geschäftlichen E-Mail-Adresse oder mit Google erstellen."), p("Der Bestätigungslink ist 24 Stunden gültig.")),
    },
  },
  3: {
    ja_JP: {
      name: "チームを招待する",
      description: "同僚をメールで招待するか、自社ドメイン限定の招待リンクを共有します。",
      body: body(p("管理者とオーナーは、［設定］の［メンバー］からユーザーを招待できます。"), p("招待の有効期限は7日間です。保留中の招待は同じ画面から再送または取り消しができます。")),
    },
    es_ES: {
      name: "Invitar a su equipo",
      description: "Invite a sus compañeros por correo o con un enlace limitado a su dominio.",
      body: body(p("Los administradores pueden invitar a personas desde Configuración, Miembros."), p("Las invitaciones caducan a los siete días.")),
    },
    de_DE: {
      name: "Ihr Team einladen",
      description: "Laden Sie Kollegen per E-Mail oder über einen Link für Ihre Domain ein.",
      body: body(p("Administratoren können Personen unter Einstellungen, Mitglieder einladen."), p("Einladungen laufen nach sieben Tagen ab.")),
    },
  },
  11: {
    es_ES: {
      name: "Cambiar su dirección de correo",
      description: "Actualice la dirección con la que inicia sesión; la confirmamos antes del cambio.",
      body: body(p("Puede cambiar la dirección de correo de su cuenta en Perfil, Cuenta."), p("También avisamos a la dirección anterior.")),
    },
    de_DE: {
      name: "Ihre E-Mail-Adresse ändern",
      description: "Ändern Sie die Adresse, mit der Sie sich anmelden; wir bestätigen sie vorher.",
      body: body(p("Sie können die E-Mail-Adresse Ihres Kontos unter Profil, Konto ändern."), p("Wir benachrichtigen auch die alte Adresse.")),
    },
  },
  12: {
    ja_JP: {
      name: "パスワードを再設定する",
      description: "パスワードを忘れた場合は、メールでリンクを受け取り、新しいパスワードを設定します。",
      body: body(
        p("パスワードを忘れた場合でも、1分ほどでご自身で再設定できます。"),
        h2("パスワードの再設定手順"),
        ol(
          "サインインページで<em>パスワードをお忘れですか？</em>をクリックします。",
          "アカウントのメールアドレスを入力します。",
          "Acme から届いたメールを開き、<em>パスワードを再設定</em>をクリックします。リンクの有効期限は1時間です。",
        ),
        p("パスワードを再設定すると、ほかのすべての端末からサインアウトされます。"),
      ),
    },
    es_ES: {
      name: "Restablecer la contraseña",
      description: "¿Olvidó su contraseña? Reciba un enlace por correo y elija una nueva.",
      body: body(
        p("Si ha olvidado su contraseña, puede restablecerla usted mismo en un minuto."),
        h2("Restablecer la contraseña"),
        ol(
          "Vaya a la página de inicio de sesión y haga clic en <em>¿Olvidó su contraseña?</em>",
          "Introduzca la dirección de correo de su cuenta.",
          "Abra el correo de Acme y haga clic en <em>Restablecer contraseña</em>. El enlace es válido durante una hora.",
        ),
        p("Restablecer la contraseña cierra la sesión en todos los demás dispositivos."),
      ),
    },
    de_DE: {
      name: "Passwort zurücksetzen",
      description: "Passwort vergessen? Fordern Sie einen Link per E-Mail an und wählen Sie ein neues.",
      body: body(
        p("Wenn Sie Ihr Passwort vergessen haben, können Sie es in einer Minute selbst zurücksetzen."),
        h2("Passwort zurücksetzen"),
        ol(
          "Klicken Sie auf der Anmeldeseite auf <em>Passwort vergessen?</em>",
          "Geben Sie die E-Mail-Adresse Ihres Kontos ein.",
          "Öffnen Sie die E-Mail von Acme und klicken Sie auf <em>Passwort zurücksetzen</em>. Der Link ist eine Stunde gültig.",
        ),
        p("Das Zurücksetzen meldet Sie auf allen anderen Geräten ab."),
      ),
    },
  },
  13: {
    ja_JP: {
      name: "パスワードを変更する",
      description: "サインインしたまま新しいパスワードを設定します。",
      body: body(p("パスワードを変更するには、［プロフィール］の［セキュリティ］を開き、<em>パスワードを変更</em>を選びます。"), p("パスワードは12文字以上にする必要があります。")),
    },
    es_ES: {
      name: "Cambiar su contraseña",
      description: "Elija una contraseña nueva con la sesión iniciada.",
      body: body(p("Para cambiar su contraseña, abra Perfil, Seguridad y elija <em>Cambiar contraseña</em>."), p("Las contraseñas deben tener al menos 12 caracteres.")),
    },
    de_DE: {
      name: "Ihr Passwort ändern",
      description: "Wählen Sie ein neues Passwort, während Sie angemeldet sind.",
      body: body(p("Um Ihr Passwort zu ändern, öffnen Sie Profil, Sicherheit und wählen Sie <em>Passwort ändern</em>."), p("Passwörter müssen mindestens 12 Zeichen lang sein.")),
    },
  },
  14: {
    es_ES: {
      name: "Actualizar el método de pago",
      description: "Cambie la tarjeta o pase a pago por factura.",
      body: body(p("Los propietarios pueden actualizar el método de pago en Configuración, Facturación."), p("Aceptamos Visa, Mastercard y American Express.")),
    },
    de_DE: {
      name: "Zahlungsmethode aktualisieren",
      description: "Ändern Sie die Karte oder wechseln Sie zur Zahlung per Rechnung.",
      body: body(p("Inhaber können die Zahlungsmethode unter Einstellungen, Abrechnung ändern."), p("Wir akzeptieren Visa, Mastercard und American Express.")),
    },
  },
  15: {
    ja_JP: {
      name: "請求書と領収書をダウンロードする",
      description: "ワークスペースのすべての請求書を確認し、PDF でダウンロードできます。",
      body: body(p("お支払いのたびに請求書が発行されます。［設定］、［請求］、［請求書］からダウンロードしてください。"), p("<em>すべてエクスポート</em>を選ぶと、まとめて ZIP ファイルで受け取れます。")),
    },
    es_ES: {
      name: "Descargar facturas y recibos",
      description: "Encuentre todas las facturas de su espacio de trabajo y descárguelas en PDF.",
      body: body(p("Cada cargo genera una factura. Descárguelas en Configuración, Facturación, Facturas."), p("Elija <em>Exportar todo</em> para obtener un archivo ZIP.")),
    },
    de_DE: {
      name: "Rechnungen und Belege herunterladen",
      description: "Finden Sie alle Rechnungen Ihres Arbeitsbereichs und laden Sie sie als PDF herunter.",
      body: body(p("Jede Zahlung erzeugt eine Rechnung. Sie finden sie unter Einstellungen, Abrechnung, Rechnungen."), p("Wählen Sie <em>Alle exportieren</em> für eine ZIP-Datei.")),
    },
  },
  16: {
    ja_JP: {
      name: "請求書の見方",
      description: "シート数、日割り計算、クレジット、税金を1行ずつ説明します。",
      body: body(
        p("請求書には思ったより多くの行が記載されていることがあります。それぞれの行の意味は次のとおりです。"),
        table(["項目", "意味"], [["サブスクリプション", "期間開始時のシート数 × シート単価"], ["日割り", "前の期間中に追加または削除されたシート"], ["クレジット", "この請求書に適用された返金やクレジット"], ["税金", "請求先住所に応じた消費税などの税金"]]),
        h2("請求額が増えたのはなぜですか？"),
        p("多くの場合、月の途中でメンバーが追加されたためです。Acme は各シートを使用した日数分を、次回の請求書で請求します。"),
      ),
    },
  },
  17: {
    es_ES: {
      name: "Cambiar o cancelar su suscripción",
      description: "Mejore o reduzca su plan, cambie los puestos o cancele al final del periodo.",
      body: body(
        p("Los propietarios gestionan la suscripción en Configuración, Facturación, Plan."),
        h2("Cancelar"),
        p("Elija <em>Cancelar suscripción</em>. Su espacio de trabajo sigue disponible hasta el final del periodo pagado y después queda en solo lectura durante 30 días antes de eliminarse."),
      ),
    },
    de_DE: {
      name: "Abonnement ändern oder kündigen",
      description: "Upgrade, Downgrade, Plätze ändern oder zum Ende des Zeitraums kündigen.",
      body: body(
        p("Inhaber verwalten das Abonnement unter Einstellungen, Abrechnung, Tarif."),
        h2("Kündigung"),
        p("Wählen Sie <em>Abonnement kündigen</em>. Nach der Kündigung bleibt Ihr Arbeitsbereich bis zum Ende des bezahlten Zeitraums verfügbar, danach ist er 30 Tage schreibgeschützt und wird dann gelöscht."),
        p("Eine Kündigung zum Monatsende ist jederzeit möglich; bereits bezahlte Zeiträume werden nicht erstattet."),
      ),
    },
    ja_JP: {
      name: "サブスクリプションを変更または解約する",
      description: "プランのアップグレードやダウングレード、シート数の変更、期間末での解約ができます。",
      body: body(
        p("サブスクリプションは、オーナーが［設定］、［請求］、［プラン］から管理します。"),
        h2("解約"),
        p("<em>サブスクリプションを解約</em>を選びます。ワークスペースは支払い済みの期間が終わるまで利用でき、その後30日間は読み取り専用となり、その後削除されます。"),
      ),
    },
  },
  20: {
    es_ES: {
      name: "Exportar los datos de su cuenta",
      description: "Descargue todos los proyectos, tareas, comentarios y archivos en un ZIP.",
      body: body(p("Los propietarios pueden exportar todo el espacio de trabajo en cualquier momento."), p("El enlace de descarga es válido durante siete días.")),
    },
    de_DE: {
      name: "Ihre Kontodaten exportieren",
      description: "Laden Sie alle Projekte, Aufgaben, Kommentare und Dateien als ZIP herunter.",
      body: body(p("Inhaber können jederzeit alles im Arbeitsbereich exportieren."), p("Der Download-Link ist sieben Tage gültig.")),
    },
  },
  23: {
    es_ES: {
      name: "Conectar Slack",
      description: "Reciba novedades de tareas en canales de Slack.",
      body: body(p("La integración con Slack publica novedades de tareas en canales."), p("Abra Configuración, Integraciones, Slack y haga clic en <em>Conectar</em>.")),
    },
  },
  34: {
    ja_JP: {
      name: "サインインできない",
      description: "Acme でメールアドレスとパスワードが受け付けられないときの確認事項です。",
      body: body(
        p("サインインの問題の多くは、4つの原因のいずれかによるものです。"),
        h2("パスワード"),
        p("パスワードは大文字と小文字を区別します。わからない場合は、パスワードを再設定してください。"),
        insertArticle(12),
      ),
    },
    es_ES: {
      name: "No puedo iniciar sesión",
      description: "Qué comprobar cuando Acme no acepta su correo y contraseña.",
      body: body(
        p("La mayoría de los problemas de inicio de sesión tienen una de cuatro causas."),
        h2("Su contraseña"),
        p("Las contraseñas distinguen mayúsculas y minúsculas. Si no está seguro, restablezca su contraseña:"),
        insertArticle(12),
      ),
    },
    de_DE: {
      name: "Ich kann mich nicht anmelden",
      description: "Was Sie prüfen sollten, wenn Acme Ihre E-Mail und Ihr Passwort nicht akzeptiert.",
      body: body(
        p("Die meisten Anmeldeprobleme haben eine von vier Ursachen."),
        h2("Ihr Passwort"),
        p("Passwörter unterscheiden Groß- und Kleinschreibung. Setzen Sie Ihr Passwort im Zweifel zurück:"),
        insertArticle(12),
      ),
    },
  },
  35: {
    es_ES: {
      name: "No llegó el correo para restablecer la contraseña",
      description: "El enlace puede retrasarse o filtrarse como spam.",
      body: body(p("Los correos para restablecer la contraseña suelen llegar en un minuto."), p("Revise la carpeta de spam y busque correo de no-reply@acme.test.")),
    },
    de_DE: {
      name: "Die E-Mail zum Zurücksetzen des Passworts ist nicht angekommen",
      description: "Der Link kann sich verzögern oder als Spam gefiltert werden.",
      body: body(p("E-Mails zum Zurücksetzen des Passworts kommen normalerweise innerhalb einer Minute an."), p("Prüfen Sie Ihren Spam-Ordner.")),
    },
  },
  45: {
    ja_JP: {
      name: "二要素認証を有効にする",
      description: "認証アプリとリカバリーコードでアカウントを保護します。",
      body: body(p("二要素認証を有効にすると、パスワードに加えてスマートフォンに表示されるコードの入力が必要になります。"), p("リカバリーコードは安全な場所に保管してください。")),
    },
    es_ES: {
      name: "Activar la autenticación en dos pasos",
      description: "Proteja su cuenta con una aplicación de autenticación y códigos de recuperación.",
      body: body(p("La autenticación en dos pasos pide un código de su teléfono además de la contraseña."), p("Guarde sus códigos de recuperación en un lugar seguro.")),
    },
    de_DE: {
      name: "Zwei-Faktor-Authentifizierung aktivieren",
      description: "Schützen Sie Ihr Konto mit einer Authenticator-App und Wiederherstellungscodes.",
      body: body(p("Die Zwei-Faktor-Authentifizierung verlangt zusätzlich zum Passwort einen Code von Ihrem Telefon."), p("Bewahren Sie Ihre Wiederherstellungscodes sicher auf.")),
    },
  },
  46: {
    de_DE: {
      name: "Single Sign-On (SSO): Überblick",
      description: "Anmeldung über Okta, Microsoft Entra ID oder einen SAML-2.0-Anbieter.",
      body: body(p("Mit Single Sign-On (SSO) meldet sich Ihr Team über den Identitätsanbieter Ihres Unternehmens an."), p("SSO ist im Enterprise-Tarif verfügbar.")),
    },
  },
  60: {
    es_ES: {
      name: "Procedimiento: restablecer manualmente la contraseña de cuentas bloqueadas",
      description: "Verifique la identidad y restablezca la contraseña desde la consola de administración.",
      body: body(p("Úselo solo cuando el cliente no pueda recibir el correo de restablecimiento."), p("Nunca dicte una contraseña por teléfono.")),
    },
  },
};
