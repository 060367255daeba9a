package dev.patchbay.zoom;

import dev.patchbay.api.Activity;
import dev.patchbay.api.AuthHandler;
import dev.patchbay.api.Connector;
import dev.patchbay.api.Sandbox;
import dev.patchbay.api.webhooks.Webhooks;
import dev.patchbay.zoom.auth.AuthorizationCodeHandler;
import dev.patchbay.zoom.auth.ServerToServerHandler;
import dev.patchbay.zoom.meetings.CreateMeeting;
import dev.patchbay.zoom.meetings.DeleteMeeting;
import dev.patchbay.zoom.meetings.EndMeeting;
import dev.patchbay.zoom.meetings.GetMeeting;
import dev.patchbay.zoom.meetings.ListMeetings;
import dev.patchbay.zoom.meetings.UpdateMeeting;
import dev.patchbay.zoom.recordings.DeleteRecordings;
import dev.patchbay.zoom.recordings.DownloadRecordings;
import dev.patchbay.zoom.recordings.GetRecordings;
import dev.patchbay.zoom.recordings.ListRecordings;
import dev.patchbay.zoom.sandbox.ZoomSandbox;
import dev.patchbay.zoom.users.GetCurrentUser;
import dev.patchbay.zoom.users.GetUser;
import dev.patchbay.zoom.webhooks.UrlValidation;
import dev.patchbay.zoom.webhooks.ZoomEvents;
import dev.patchbay.zoom.webhooks.ZoomSignature;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/** The Zoom connector: meetings, cloud recordings and users, behind the definition connectors/zoom.json. */
@Extension
public final class ZoomConnector implements Connector {

  private final Map<String, Activity> activities;
  private final Map<String, AuthHandler> authHandlers;

  /** What PF4J instantiates. */
  public ZoomConnector() {
    this(Clock.systemUTC());
  }

  /** @param clock the "today" that recordings.list's default date range ends on */
  ZoomConnector(Clock clock) {
    activities = Map.ofEntries(
        Map.entry("users.getCurrent", new GetCurrentUser()),
        Map.entry("users.get", new GetUser()),
        Map.entry("meetings.create", new CreateMeeting()),
        Map.entry("meetings.get", new GetMeeting()),
        Map.entry("meetings.list", new ListMeetings()),
        Map.entry("meetings.update", new UpdateMeeting()),
        Map.entry("meetings.delete", new DeleteMeeting()),
        Map.entry("meetings.end", new EndMeeting()),
        Map.entry("recordings.list", new ListRecordings(clock)),
        Map.entry("recordings.get", new GetRecordings()),
        Map.entry("recordings.download", new DownloadRecordings()),
        Map.entry("recordings.delete", new DeleteRecordings()));
    AuthorizationCodeHandler authorizationCode = new AuthorizationCodeHandler();
    authHandlers = Map.of(
        "oauth", authorizationCode,
        "byo-oauth", authorizationCode,
        "server-to-server", new ServerToServerHandler());
  }

  @Override
  public String id() {
    return "zoom";
  }

  @Override
  public Map<String, Activity> activities() {
    return activities;
  }

  @Override
  public Map<String, AuthHandler> authHandlers() {
    return authHandlers;
  }

  /** A local Zoom for runs without an account: see {@link ZoomSandbox}. */
  @Override
  public Optional<Sandbox> sandbox() {
    return Optional.of(new ZoomSandbox());
  }

  /** Zoom's webhook signature, its endpoint check ({@code endpoint.url_validation}) and its event envelope. */
  @Override
  public Optional<Webhooks> webhooks() {
    return Optional.of(new Webhooks(new ZoomSignature(), new UrlValidation(), new ZoomEvents()));
  }
}
