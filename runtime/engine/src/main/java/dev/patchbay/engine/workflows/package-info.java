/**
 * Workflows: connector activities run as steps, with outputs bound to later inputs. {@link
 * dev.patchbay.engine.workflows.Workflows} is the entry point; {@link dev.patchbay.engine.workflows.ActivityInvoker}
 * is the seam to the activity runner.
 *
 * <h2>Workflow files</h2>
 *
 * YAML or JSON (by extension, else by content), described by {@code workflow.schema.json} next to this package in
 * the jar:
 *
 * <pre>
 * name: archive last month's recordings
 * inputs:
 *   folder: {type: string}                      # string|integer|number|boolean|date|array|object
 *   token: {type: string, secret: true}         # never written to a run record
 *   since: {type: date, default: "${date:firstDayOfPreviousMonth()}"}
 * connections:
 *   zoom: work                                  # overridden by --connection zoom=NAME
 * steps:
 *   - id: list
 *     activity: zoom/recordings.list
 *     input: {userId: me, from: "${inputs.since}"}
 *   - id: download
 *     activity: zoom/recordings.download
 *     forEach: ${list:flatten(list:pluck(steps.list.output.meetings, 'recording_files'))}
 *     parallelism: 3                            # 1 to 8, default 1
 *     retry: {maxAttempts: 3, backoffSeconds: 2}
 *     onError: continue                         # fail (default) | continue | id of a later step
 *     input: {meetingId: "${item.meeting_id}", recordingId: "${item.id}", directory: "${inputs.folder}"}
 *   - id: delete
 *     activity: zoom/recordings.delete
 *     forEach: ${steps.download.items}
 *     when: ${item.status == 'SUCCEEDED' &amp;&amp; item.output.size == item.item.file_size}
 *     input: {meetingId: "${item.item.meeting_id}", recordingId: "${item.item.id}"}
 * outputs:
 *   deleted: ${size(steps.delete.output)}
 * </pre>
 *
 * <h2>Expressions</h2>
 *
 * {@code ${...}} in any string of {@code input}, {@code when}, {@code forEach}, {@code outputs} and input defaults.
 * A string that is exactly one expression keeps the value's JSON type; text around expressions makes a string, in
 * which objects and arrays appear as JSON and null as nothing (a backslash before the dollar sign keeps a
 * dollar-brace literal). Names: {@code inputs.NAME}; {@code
 * steps.ID.output}, {@code .status}, {@code .error} ({@code {code, message, family, details}} or null; {@code
 * family} is {@code configuration}, {@code store} or the code, {@code details} the activity error's details such as
 * {@code providerCode}) and, for a forEach step, {@code .items} ({@code [{index, item, status, output, error}]}; {@code .output} is then the element outputs in
 * element order, null where an element did not succeed) of earlier steps only; {@code item} and {@code itemIndex}
 * inside a forEach step; and {@code env.PATCHBAY_VAR_*} environment variables (no others: any other variable may
 * hold a secret that would reach a run record). Step ids with a dash are read as {@code steps['my-step']}. A field
 * or element that is not there is an error naming the path, never a silent null. Functions: {@code date:} (now,
 * today, plus/minus Days/Weeks/Months/Years/Hours/Minutes, firstDayOfMonth, lastDayOfMonth,
 * firstDayOfPreviousMonth, lastDayOfPreviousMonth, startOfWeek, startOfDay, format), {@code list:} (flatten,
 * pluck, compact: the elements that are not null), {@code size}, {@code empty}. No method calls, object creation, assignment, loops or class access.
 *
 * <h2>Running</h2>
 *
 * Nothing runs until every check passes. Steps run in order. A {@code when} that reads {@code item} is evaluated
 * per element; any other once per step. {@code onError}: {@code fail} ends the run (FAILED); {@code continue}
 * records the step CONTINUED and goes on; a step id records it HANDLED, skips the steps up to the handler, runs the
 * handler and goes on after it (a handler step runs only when a failure sends the run to it). A step's
 * {@code retry} retries RATE_LIMITED, UPSTREAM_ERROR and TIMEOUT with doubling waits.
 *
 * <h2>Triggers</h2>
 *
 * A workflow with {@code trigger: {event: zoom/recording.completed}} runs on that provider event when {@code patchbay
 * serve --triggers FOLDER} receives it at {@code POST /webhooks/zoom}; the event must be one the connector's
 * definition declares under {@code webhooks.events}. It must declare {@code inputs: {event: {type:
 * object}}}, which holds the event's body ({@code ${inputs.event.payload.object.uuid}}); every other input needs a
 * default, since an event gives nothing else. The steps of the event's connector run with the connection that acts in
 * the event's account ({@code payload.account_id} for Zoom): the one the workflow's {@code connections} names, which
 * then runs only on events of that connection's account, or, for a workflow that names none, the only active one
 * there. Registration checks everything a run checks but that connection,
 * which only the event decides; the run checks it all again.
 *
 * <h2>Run records</h2>
 *
 * {@code RUN_ID.json} in the runs folder, replaced atomically after every change of a step or element, so a killed
 * process leaves an accurate record; a record that says RUNNING with no process holding it reads as INTERRUPTED.
 * Resuming re-checks the workflow and runs every step that did not succeed, reusing the recorded outputs of steps
 * and forEach elements that did; what was RUNNING at a crash runs again. Secrets are redacted: secret inputs
 * wherever they flowed, credential-like fields, bearer and basic credentials, JWTs and credential query parameters
 * read {@code [redacted]}; a resumed run that would have to use a redacted value fails instead of using the
 * placeholder, and secret inputs must be given again to resume.
 */
package dev.patchbay.engine.workflows;
