/**
 * Translations (es_ES, de_DE) of some articles. `kb_language` returns these when they exist, else the
 * default language (en_US).
 */
import type { Translation } from "../types";
import { body, h2, insertArticle, ol, p } from "./html";

export const TRANSLATIONS: Record<number, Record<string, Translation>> = {
  1: {
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
