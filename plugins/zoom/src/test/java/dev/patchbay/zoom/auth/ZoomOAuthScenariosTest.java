package dev.patchbay.zoom.auth;

import dev.patchbay.testkit.OAuthScenarios;

/** The test kit's OAuth 2.0 scenarios on Zoom's sign-in auth type, through the runtime. */
class ZoomOAuthScenariosTest extends OAuthScenarios {

  @Override
  protected String authType() {
    return "oauth";
  }

  @Override
  protected String identityAnswer() {
    return "{\"id\":\"u1\",\"account_id\":\"a1\",\"email\":\"jchill@example.com\",\"display_name\":\"Jill Chill\"}";
  }

  @Override
  protected Call call() {
    return new Call("zoom/users.get", "{\"userId\":\"jchill@example.com\"}",
        "{\"id\":\"u1\",\"account_id\":\"a1\",\"email\":\"jchill@example.com\",\"type\":2}");
  }
}
