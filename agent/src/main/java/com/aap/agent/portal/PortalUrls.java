package com.aap.agent.portal;

import java.net.URI;

/** Where in CJ a page is, judged by its URL: the sign-in pages live under /u/ on CJ and the sandbox. */
final class PortalUrls {

  private PortalUrls() {
  }

  static boolean isSignInPage(String url) {
    String path = URI.create(url).getPath();
    return path != null && path.startsWith("/u/");
  }
}
