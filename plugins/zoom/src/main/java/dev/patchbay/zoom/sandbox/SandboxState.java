package dev.patchbay.zoom.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything the sandbox knows: the account, its users, meetings and cloud recordings, and (through {@link Grants})
 * the OAuth authorizations. One lock, this object's monitor, guards it all; an endpoint that reads and then writes
 * holds it throughout, and every change ends with {@link #changed()}, which saves to the data directory if there is
 * one.
 */
final class SandboxState {

  private final String accountId;
  private final long accountNumber;
  private final Map<String, ObjectNode> users = new LinkedHashMap<>();
  private final Map<Long, ObjectNode> meetings = new LinkedHashMap<>();
  private final Map<Long, ObjectNode> deletedMeetings = new LinkedHashMap<>();
  private final List<Recording> recordings = new ArrayList<>();
  private final StateStore store;
  private Grants grants;

  SandboxState(String accountId, long accountNumber, StateStore store) {
    this.accountId = accountId;
    this.accountNumber = accountNumber;
    this.store = store;
  }

  String accountId() {
    return accountId;
  }

  long accountNumber() {
    return accountNumber;
  }

  /** Connects the grants, which are saved with the rest. */
  synchronized void attach(Grants grants) {
    this.grants = grants;
  }

  synchronized void addUser(ObjectNode user) {
    String id = Users.id(user);
    if (users.containsKey(id) || user(Users.email(user)) != null) {
      throw new IllegalArgumentException("two users have the id " + id + " or the email " + Users.email(user));
    }
    users.put(id, user);
  }

  /**
   * A new member of the account, numbered after the users there are: {@code Sandbox User N},
   * {@code user-N@sandbox.patchbay.dev}.
   */
  synchronized ObjectNode newUser(Instant now, Ids ids) {
    int number = users.size() + 1;
    while (user("user-" + number + "@sandbox.patchbay.dev") != null) {
      number++;
    }
    ObjectNode seeded = SandboxJson.MAPPER.createObjectNode()
        .put("email", "user-" + number + "@sandbox.patchbay.dev").put("first_name", "Sandbox")
        .put("last_name", "User " + number);
    ObjectNode user = Users.complete(seeded, false, accountId, accountNumber, now, ids);
    addUser(user);
    changed();
    return user;
  }

  /** The user with this id or (case-insensitively) email, or null. */
  synchronized ObjectNode user(String idOrEmail) {
    ObjectNode byId = users.get(idOrEmail);
    if (byId != null) {
      return byId;
    }
    String email = idOrEmail.toLowerCase(Locale.ROOT);
    return users.values().stream()
        .filter(user -> Users.email(user).toLowerCase(Locale.ROOT).equals(email))
        .findFirst().orElse(null);
  }

  /** The account owner: the first user. */
  synchronized ObjectNode owner() {
    return users.values().iterator().next();
  }

  synchronized List<ObjectNode> users() {
    return List.copyOf(users.values());
  }

  synchronized ObjectNode meeting(long id) {
    return meetings.get(id);
  }

  synchronized void addMeeting(ObjectNode meeting) {
    long id = meeting.path("id").asLong();
    if (meetings.containsKey(id) || deletedMeetings.containsKey(id)) {
      throw new IllegalArgumentException("two meetings have the id " + id);
    }
    meetings.put(id, meeting);
  }

  /** Stores a changed meeting in place of the one with its id. */
  synchronized void replaceMeeting(ObjectNode meeting) {
    meetings.put(meeting.path("id").asLong(), meeting);
  }

  synchronized List<ObjectNode> meetingsOf(String hostId) {
    return meetings.values().stream().filter(m -> hostId.equals(m.path("host_id").asString())).toList();
  }

  /** Moves a meeting to the deleted ones, from where {@code PUT …/status {"action":"recover"}} brings it back. */
  synchronized void deleteMeeting(long id) {
    deletedMeetings.put(id, meetings.remove(id));
  }

  synchronized ObjectNode deletedMeeting(long id) {
    return deletedMeetings.get(id);
  }

  synchronized void recoverMeeting(long id) {
    meetings.put(id, deletedMeetings.remove(id));
  }

  synchronized void addRecording(Recording recording) {
    if (recordings.stream().anyMatch(r -> r.uuid().equals(recording.uuid()))) {
      throw new IllegalArgumentException("two recordings have the uuid " + recording.uuid());
    }
    recordings.add(recording);
  }

  synchronized List<Recording> recordings() {
    return List.copyOf(recordings);
  }

  synchronized void removeRecording(Recording recording) {
    recordings.remove(recording);
  }

  /** Saves the state if it has a data directory. Call it, holding the lock, after every change. */
  synchronized void changed() {
    if (store != null) {
      store.save(toJson());
    }
  }

  /** The state in the seed format, plus deleted meetings and grants: what a data directory keeps. */
  synchronized ObjectNode toJson() {
    ObjectNode root = SandboxJson.object();
    ObjectNode account = root.putObject("account");
    account.put("id", accountId);
    account.put("number", accountNumber);
    root.putArray("users").addAll(users.values());
    ArrayNode meetingNodes = root.putArray("meetings");
    meetings.values().forEach(meetingNodes::add);
    ArrayNode deleted = root.putArray("deleted_meetings");
    deletedMeetings.values().forEach(deleted::add);
    ArrayNode recordingNodes = root.putArray("recordings");
    recordings.forEach(recording -> recordingNodes.add(recording.toJson()));
    if (grants != null) {
      root.set("grants", grants.toJson());
    }
    return root;
  }

  /** Seed entries name users by id or email; this is the id, or an error naming the entry. */
  synchronized ObjectNode requireUser(JsonNode reference, String where) {
    String idOrEmail = reference.isString() ? reference.asString() : null;
    ObjectNode user = idOrEmail == null ? null : user(idOrEmail);
    if (user == null) {
      throw new IllegalArgumentException(where + " names no seeded user: " + reference);
    }
    return user;
  }
}
