package com.aap.agent.portal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One way to find an element, as the portal profile writes it: a role and a name pattern, a label, a
 * placeholder, a CSS selector or a text. Patterns are case-insensitive unless {@code caseSensitive}.
 * {@code {cid}} in a pattern stands for the job's company id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Candidate(String role, String name, String label, String placeholder, String css, String text,
                        Boolean caseSensitive) {

  /** Checks the candidate; a problem is an {@link IllegalArgumentException} naming {@code where}. */
  void validate(String where) {
    int kinds = count(role) + count(label) + count(placeholder) + count(css) + count(text);
    if (kinds != 1) {
      throw new IllegalArgumentException(where + ": give exactly one of role, label, placeholder, css, text");
    }
    if (name != null && role == null) {
      throw new IllegalArgumentException(where + ".name: only a role candidate has a name");
    }
    if (role != null) {
      try {
        ariaRole();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ".role: '" + role + "' is not an ARIA role");
      }
    }
    compile(where + ".name", name);
    compile(where + ".label", label);
    compile(where + ".placeholder", placeholder);
    compile(where + ".text", text);
  }

  /** This candidate's elements inside {@code scope}, visible or not. */
  Locator locate(Locator scope, String cid) {
    if (role != null) {
      Locator.GetByRoleOptions options = new Locator.GetByRoleOptions();
      if (name != null) {
        options.setName(pattern(name, cid));
      }
      return scope.getByRole(ariaRole(), options);
    }
    if (label != null) {
      return scope.getByLabel(pattern(label, cid));
    }
    if (placeholder != null) {
      return scope.getByPlaceholder(pattern(placeholder, cid));
    }
    if (css != null) {
      return scope.locator(css);
    }
    return scope.getByText(pattern(text, cid));
  }

  /** As a specialist reads it in a failure or a check: {@code role=button name=/register/i}. */
  String describe() {
    String flags = Boolean.TRUE.equals(caseSensitive) ? "/" : "/i";
    if (role != null) {
      return "role=" + role + (name == null ? "" : " name=/" + name + flags);
    }
    if (label != null) {
      return "label=/" + label + flags;
    }
    if (placeholder != null) {
      return "placeholder=/" + placeholder + flags;
    }
    if (css != null) {
      return "css=" + css;
    }
    return "text=/" + text + flags;
  }

  private AriaRole ariaRole() {
    return AriaRole.valueOf(role.trim().toUpperCase(Locale.ROOT));
  }

  private Pattern pattern(String source, String cid) {
    String resolved = cid == null ? source : source.replace("{cid}", cid.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0"));
    return Pattern.compile(resolved, Boolean.TRUE.equals(caseSensitive) ? 0 : Pattern.CASE_INSENSITIVE);
  }

  private static void compile(String where, String source) {
    if (source == null) {
      return;
    }
    if (source.isBlank()) {
      throw new IllegalArgumentException(where + ": empty pattern");
    }
    try {
      Pattern.compile(source.replace("{cid}", "1"));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(where + ": bad pattern: " + e.getDescription() + " near index " + e.getIndex());
    }
  }

  private static int count(String value) {
    return value == null ? 0 : 1;
  }
}
