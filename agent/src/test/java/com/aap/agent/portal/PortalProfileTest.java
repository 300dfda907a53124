package com.aap.agent.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortalProfileTest {

  @TempDir
  Path dir;

  @Test
  void theDefaultProfileIsTheRealCjs() {
    PortalProfile profile = PortalProfile.defaults();

    assertThat(profile.tokenPageUrl()).isEqualTo("https://developers.cj.com/account/personal-access-tokens");
    assertThat(profile.allowsCredentialsAt("https://signin.cj.com/u/login?state=abc")).isTrue();
    assertThat(profile.allowsCredentialsAt("https://developers.cj.com/")).as("the portal's own origin").isTrue();
    assertThat(profile.allowsCredentialsAt("https://signin.cj.com.evil.example/u/login")).isFalse();
    assertThat(profile.allowsCredentialsAt("http://signin.cj.com/u/login")).as("plain http").isFalse();
    for (Element element : Element.values()) {
      if (!Element.OPTIONAL.contains(element)) {
        assertThat(profile.candidates(element)).as(element.key()).isNotEmpty();
      }
    }
  }

  @Test
  void thePortalUrlMovesThePortalsOriginWithIt() {
    PortalProfile profile = PortalProfile.defaults().withPortalUrl("http://localhost:8090/");

    assertThat(profile.tokenPageUrl()).isEqualTo("http://localhost:8090/account/personal-access-tokens");
    assertThat(profile.allowsCredentialsAt("http://localhost:8090/auth/password")).isTrue();
    assertThat(profile.allowsCredentialsAt("http://127.0.0.1:8090/u/login")).as("another host is another origin").isFalse();
    assertThat(profile.allowsCredentialsAt("http://localhost:8091/u/login")).as("portal-host: the portal's host, any port")
        .isTrue();
    assertThat(profile.allowsCredentialsAt("https://localhost:8091/u/login")).as("but not another scheme").isFalse();
  }

  @Test
  void aProfileOfExactOriginsAllowsNoOtherPort() throws Exception {
    Path file = write("signIn:\n  credentialOrigins: [portal, \"https://signin.example.com\"]\n");

    PortalProfile profile = PortalProfile.load(Optional.of(file)).withPortalUrl("http://localhost:8090/");

    assertThat(profile.allowsCredentialsAt("http://localhost:8090/u/login")).isTrue();
    assertThat(profile.allowsCredentialsAt("https://signin.example.com:443/u/login")).isTrue();
    assertThat(profile.allowsCredentialsAt("http://localhost:8091/u/login")).isFalse();
  }

  @Test
  void aFileReplacesTheElementsItNamesAndKeepsTheRest() throws Exception {
    Path file = write("""
        elements:
          registerButton:
            - role: button
              name: "^create key$"
        """);

    PortalProfile profile = PortalProfile.load(Optional.of(file));

    assertThat(profile.candidates(Element.REGISTER_BUTTON)).extracting(Candidate::describe)
        .containsExactly("role=button name=/^create key$/i");
    assertThat(profile.candidates(Element.TOKEN_NAME_BOX)).isEqualTo(PortalProfile.defaults().candidates(Element.TOKEN_NAME_BOX));
    assertThat(profile.tokenPageUrl()).isEqualTo(PortalProfile.defaults().tokenPageUrl());
  }

  @Test
  void anUnknownElementIsRefusedByName() throws Exception {
    Path file = write("elements:\n  registerButon:\n    - text: register\n");

    assertThatThrownBy(() -> PortalProfile.load(Optional.of(file)))
        .hasMessageContaining("elements.registerButon").hasMessageContaining(file.toString());
  }

  @Test
  void anUnknownKeyAnywhereIsRefusedByName() throws Exception {
    Path file = write("portal:\n  tokenPath: /tokens\n");

    assertThatThrownBy(() -> PortalProfile.load(Optional.of(file))).hasMessageContaining("tokenPath");
  }

  @Test
  void aBadPatternIsRefusedWithItsKey() throws Exception {
    Path file = write("elements:\n  tokenNameBox:\n    - label: \"token (name\"\n");

    assertThatThrownBy(() -> PortalProfile.load(Optional.of(file)))
        .hasMessageContaining("elements.tokenNameBox[0].label").hasMessageContaining("bad pattern");
  }

  @Test
  void anUnknownRoleIsRefusedWithItsKey() throws Exception {
    Path file = write("elements:\n  registerButton:\n    - role: buton\n      name: register\n");

    assertThatThrownBy(() -> PortalProfile.load(Optional.of(file)))
        .hasMessageContaining("elements.registerButton[0].role").hasMessageContaining("buton");
  }

  @Test
  void aCandidateMustSayHowToFindTheElement() throws Exception {
    Path file = write("elements:\n  registerButton:\n    - name: register\n");

    assertThatThrownBy(() -> PortalProfile.load(Optional.of(file)))
        .hasMessageContaining("elements.registerButton[0]");
  }

  @Test
  void anElementTheAgentNeedsCannotBeEmptied() throws Exception {
    Path file = write("elements:\n  passwordBox: []\n");

    assertThatThrownBy(() -> PortalProfile.load(Optional.of(file)))
        .hasMessageContaining("elements.passwordBox needs at least one candidate");
  }

  @Test
  void aCredentialOriginMustBeAnOrigin() throws Exception {
    Path file = write("signIn:\n  credentialOrigins: [signin.cj.com]\n");

    assertThatThrownBy(() -> PortalProfile.load(Optional.of(file)))
        .hasMessageContaining("signIn.credentialOrigins[0]");
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> PortalProfile.load(Optional.of(missing))).hasMessageContaining("CJ_PORTAL_PROFILE")
        .hasMessageContaining("nope.yaml");
  }

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("profile.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
