package dev.patchbay.zoom.sandbox;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Zoom user objects: completing a seeded user to the shape {@code GET /users/{userId}} returns, and rendering it. */
final class Users {

  private Users() {}

  /**
   * The seeded user with every field Zoom returns filled in; fields the seed gives are kept as they are.
   *
   * @param owner true for the account owner (the first user)
   */
  static ObjectNode complete(JsonNode seeded, boolean owner, String accountId, long accountNumber, Instant now,
      Ids ids) {
    if (!seeded.isObject()) {
      throw new IllegalArgumentException("a user must be a JSON object");
    }
    ObjectNode user = ((ObjectNode) seeded).deepCopy();
    String email = SandboxJson.text(user, "email");
    if (email == null || !email.contains("@")) {
      throw new IllegalArgumentException("a user needs an email address (field email)");
    }
    String timezone = SandboxJson.text(user, "timezone");
    if (timezone != null) {
      try {
        ZoneId.of(timezone);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("user " + email + " has an unknown timezone: " + timezone, e);
      }
    }
    putIfAbsent(user, "id", ids.zoomId());
    putIfAbsent(user, "first_name", "");
    putIfAbsent(user, "last_name", "");
    String fullName = (user.path("first_name").asString() + " " + user.path("last_name").asString()).strip();
    putIfAbsent(user, "display_name", fullName.isEmpty() ? email : fullName);
    if (!user.has("type")) {
      user.put("type", 2);
    }
    String role = owner ? "Owner" : "Member";
    putIfAbsent(user, "role_name", role);
    putIfAbsent(user, "role_id", owner ? "0" : "2");
    if (!user.has("pmi")) {
      user.put("pmi", ids.personalMeetingId());
    }
    if (!user.has("use_pmi")) {
      user.put("use_pmi", false);
    }
    putIfAbsent(user, "timezone", "UTC");
    if (!user.has("verified")) {
      user.put("verified", 1);
    }
    putIfAbsent(user, "dept", "");
    putIfAbsent(user, "created_at", SandboxJson.time(now));
    putIfAbsent(user, "user_created_at", user.path("created_at").asString());
    putIfAbsent(user, "last_login_time", SandboxJson.time(now));
    putIfAbsent(user, "last_client_version", "6.4.6.53970(mac)");
    putIfAbsent(user, "pic_url", "");
    putIfAbsent(user, "language", "en-US");
    putIfAbsent(user, "status", "active");
    user.put("account_id", accountId);
    user.put("account_number", accountNumber);
    putIfAbsent(user, "cluster", "us06");
    if (!user.has("login_types")) {
      user.putArray("login_types").add(100);
    }
    if (!user.has("group_ids")) {
      user.putArray("group_ids");
    }
    if (!user.has("im_group_ids")) {
      user.putArray("im_group_ids");
    }
    putIfAbsent(user, "jid", user.path("id").asString().toLowerCase(Locale.ROOT) + "@xmpp.zoom.us");
    return user;
  }

  /** The user as Zoom returns it; the personal meeting URL points at this sandbox. */
  static ObjectNode render(ObjectNode user, String origin) {
    ObjectNode rendered = user.deepCopy();
    rendered.put("personal_meeting_url", origin + "/j/" + user.path("pmi").asString());
    return rendered;
  }

  static String id(ObjectNode user) {
    return user.path("id").asString();
  }

  static String email(ObjectNode user) {
    return user.path("email").asString();
  }

  static ZoneId zone(ObjectNode user) {
    return ZoneId.of(user.path("timezone").asString("UTC"));
  }

  private static void putIfAbsent(ObjectNode node, String name, String value) {
    if (!node.has(name)) {
      node.put(name, value);
    }
  }
}
