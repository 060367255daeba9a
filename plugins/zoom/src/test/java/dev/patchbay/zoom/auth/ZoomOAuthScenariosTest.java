package dev.patchbay.zoom.auth;

import dev.patchbay.testkit.OAuthScenarios;
import dev.patchbay.testkit.PatchbayExtension;

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

  /** Zoom's page tokens live 15 minutes; an expired one is HTTP 400 with code 300. */
  @Override
  protected PagedCall pagedCall() {
    return new PagedCall("zoom/meetings.list", "{\"userId\":\"me\"}",
        "{\"next_page_token\":\"p2\",\"meetings\":[{\"id\":1,\"topic\":\"One\"}]}",
        "{\"next_page_token\":\"\",\"meetings\":[{\"id\":2,\"topic\":\"Two\"}]}",
        PatchbayExtension.json(400, "{\"code\":300,\"message\":\"The next page token is invalid or expired.\"}"));
  }
}
