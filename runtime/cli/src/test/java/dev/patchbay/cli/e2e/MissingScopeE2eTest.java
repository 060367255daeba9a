package dev.patchbay.cli.e2e;

import static dev.patchbay.cli.e2e.E2e.ADA_ID;
import static dev.patchbay.cli.e2e.E2e.fails;
import static dev.patchbay.cli.e2e.E2e.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.RunningSandbox;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.activities.ActivityError;
import dev.patchbay.engine.activities.ActivityException;
import dev.patchbay.engine.connections.Connection;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection granted fewer scopes than an operation needs fails with MISSING_SCOPE before anything is sent: the
 * runner checks the scopes the token response listed against the operation's alternatives.
 */
class MissingScopeE2eTest {

  @TempDir
  Path home;

  @Test
  void anOperationOutsideTheGrantedScopesFailsBeforeAnyRequest() throws Exception {
    try (PatchbayRuntime runtime = E2e.runtime(home);
        RunningSandbox running = E2e.startSandbox(runtime)) {
      SandboxHttp sandbox = new SandboxHttp(running);
      sandbox.control("{\"grantedScopes\":{\"" + sandbox.clientId("byo-oauth") + "\":[\"user_info:read\"]}}");
      Connection connection = E2e.connect(runtime, running, "byo-oauth", "narrow");
      assertEquals(Set.of("user_info:read"), connection.grantedScopes());

      // What the scope covers works.
      assertEquals(ADA_ID, run(runtime, "zoom/users.getCurrent", "narrow", "{}").output().path("id").asString());
      long sent = sandbox.requests("/");

      ActivityException create = fails(ErrorCode.MISSING_SCOPE, runtime, "zoom/meetings.create", "narrow",
          "{\"topic\":\"Not allowed\"}");

      assertEquals(0, sandbox.requests("/v2/users/me/meetings"), "no request for it reached the sandbox");
      assertEquals(sent, sandbox.requests("/"), "nothing at all was sent, not even a token request");
      assertTrue(create.getMessage().contains("meetings.create"), create.getMessage());
      assertTrue(create.getMessage().contains("meeting:write"), create.getMessage());
      assertEquals(List.of("user_info:read"), create.error().details().get(ActivityError.GRANTED_SCOPES));
      @SuppressWarnings("unchecked")
      List<List<String>> required = (List<List<String>>) create.error().details().get(ActivityError.REQUIRED_SCOPES);
      assertEquals(List.of(List.of("meeting:write"), List.of("meeting:write:admin"), List.of("meeting:write:meeting"),
          List.of("meeting:write:meeting:admin")), required);

      for (String activity : List.of("zoom/users.get", "zoom/meetings.list", "zoom/recordings.list")) {
        String input = activity.equals("zoom/users.get") ? "{\"userId\":\"me\"}" : "{}";
        fails(ErrorCode.MISSING_SCOPE, runtime, activity, "narrow", input);
      }
      assertEquals(sent, sandbox.requests("/"));
    }
  }
}
