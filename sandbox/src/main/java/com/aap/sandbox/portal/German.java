package com.aap.sandbox.portal;

import java.util.List;
import java.util.Map;

/**
 * Skin C: skin A's pages with German words (and {@code lang="de"}), by replacing whole phrases in the
 * finished HTML. Element ids that spell an English word are renamed too, so only the layout is shared.
 */
final class German {
  static final String NAME_REQUIRED = "Bitte geben Sie eine Token-Bezeichnung ein.";
  static final String SIGN_IN_FIRST = "Bitte melden Sie sich zuerst an.";

  /** Longer phrases first: several contain shorter ones. */
  private static final List<Map.Entry<String, String>> PHRASES = List.of(
      Map.entry("<html lang=\"en\">", "<html lang=\"de\">"),
      Map.entry("| CJ Developer Portal</title>", "| CJ Entwicklerportal</title>"),
      Map.entry("<title>Log in |", "<title>Anmelden |"),
      // sign-in
      Map.entry("<h1>Welcome</h1><p>Log in to CJ to continue.</p>",
          "<h1>Willkommen</h1><p>Melden Sie sich bei CJ an, um fortzufahren.</p>"),
      Map.entry(LoginPages.EMAIL_REQUIRED, "Bitte geben Sie Ihre E-Mail-Adresse ein."),
      Map.entry(">Email address</label>", ">E-Mail-Adresse</label>"),
      Map.entry(">Continue</button>", ">Weiter</button>"),
      Map.entry("Enter your password", "Passwort eingeben"),
      Map.entry(">Edit</a>", ">Ändern</a>"),
      Map.entry(">Password</label>", ">Passwort</label>"),
      Map.entry(LoginPages.WRONG_CREDENTIALS, "Falsche E-Mail-Adresse oder falsches Passwort."),
      Map.entry("Verify your identity", "Identität bestätigen"),
      Map.entry("Check your authenticator app for a one-time code.",
          "Den Einmalcode finden Sie in Ihrer Authenticator-App."),
      Map.entry("Enter your one-time code", "Einmalcode eingeben"),
      Map.entry(LoginPages.INVALID_CODE, "Ungültiger Code."),
      Map.entry("Security check", "Sicherheitsprüfung"),
      Map.entry("Complete the CAPTCHA to continue.", "Lösen Sie das CAPTCHA, um fortzufahren."),
      Map.entry("I'm not a robot", "Ich bin kein Roboter"),
      // portal frame and start page
      Map.entry("aria-label=\"Developer portal\"", "aria-label=\"Entwicklerportal\""),
      Map.entry("<strong>CJ Developers</strong>", "<strong>CJ Entwickler</strong>"),
      Map.entry("Getting Started", "Erste Schritte"),
      Map.entry(">Commission Detail API<", ">Provisionsdetail-API<"),
      Map.entry(">Authentication</button>", ">Authentifizierung</button>"),
      Map.entry("<h1>Welcome to the CJ Developer Portal</h1>", "<h1>Willkommen im CJ-Entwicklerportal</h1>"),
      Map.entry(">Log in</a> to manage your tokens.", ">Anmelden</a>, um Ihre Token zu verwalten."),
      Map.entry(HomePage.GUIDE, """
          <p>Die APIs von CJ erwarten ein persönliches Zugriffstoken: Öffnen Sie im Menü
            <em>Authentifizierung</em>, dann <em>Persönliche Zugriffstoken</em>, und erzeugen Sie eines.</p>"""),
      Map.entry(HomePage.API_NOTE, """
          <p><code>POST /query</code> (GraphQL) mit <code>Authorization: Bearer TOKEN</code>; fragen Sie
            <code>advertiserCommissions</code> über höchstens 31 Tage Buchungsdatum ab.</p>"""),
      // token page
      Map.entry("Log in to manage your Personal Access Tokens.",
          "Melden Sie sich an, um Ihre persönlichen Zugriffstoken zu verwalten."),
      Map.entry("Personal Access Tokens", "Persönliche Zugriffstoken"),
      Map.entry(">Log In</button>", ">Anmelden</button>"),
      Map.entry(">Log out</button>", ">Abmelden</button>"),
      Map.entry("Signed in as", "Angemeldet als"),
      Map.entry(">Company</label>", ">Firma</label>"),
      Map.entry("Acting as ", "Aktiv für "),
      Map.entry("<h2>Register a token</h2>", "<h2>Neues Token</h2>"),
      Map.entry(">Token Name</label>", ">Token-Bezeichnung</label>"),
      Map.entry(">REGISTER</button>", ">Erzeugen</button>"),
      Map.entry("Registered tokens", "Ihre Token"),
      Map.entry(">Token registered<", ">Token erstellt<"),
      Map.entry("'" + Portal.NAME_REQUIRED + "'", "'" + NAME_REQUIRED + "'"),
      Map.entry("'Registration failed.'", "'Erzeugen fehlgeschlagen.'"),
      // ids
      Map.entry("log-in", "anmelden-knopf"),
      Map.entry("register-", "erzeugen-"),
      Map.entry("id=\"register\"", "id=\"erzeugen\""),
      Map.entry("token-name", "token-bezeichnung"));

  private German() {}

  static String translate(String html) {
    String out = html;
    for (Map.Entry<String, String> phrase : PHRASES) {
      out = out.replace(phrase.getKey(), phrase.getValue());
    }
    return out;
  }
}
