package dev.patchbay.bench;

import com.networknt.schema.Schema;
import dev.patchbay.engine.activities.BenchOperationSchemas;
import dev.patchbay.engine.definitions.OperationDefinition;
import dev.patchbay.engine.schema.JsonSchemas;
import dev.patchbay.engine.schema.SchemaViolation;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Input validation cost of {@code zoom/meetings.create} per call (issue 4), schemas compiled once and cached as the
 * runner caches them. The operation definition is the one the runtime loaded from the distribution's Zoom plugin.
 *
 * <ul>
 *   <li>{@code parseInput} (baseline): Jackson parses the input JSON text into a tree.
 *   <li>{@code prepareInput}: the runner's own step ({@code OperationSchemas.of(...).prepareInput}, reached
 *       through {@link BenchOperationSchemas}): cache lookup, copy, defaults ({@code userId: "me"}), validation.
 *   <li>{@code validateOnly}: {@code JsonSchemas.validate} of the prepared input against the compiled schema.
 *   <li>{@code usersGetCurrentOutput}: for the runner-overhead breakdown, the runner's output check of
 *       {@code users.getCurrent} on the 1 KB user the runner benchmark's server returns.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class InputValidationBenchmark {

  /** A recurring meeting with settings and tracking fields: what a workflow step typically sends (1.1 KB). */
  static final String INPUT = """
      {"topic":"Weekly product sync","type":8,"start_time":"2026-12-07T15:00:00","timezone":"Europe/Berlin",\
      "duration":45,"agenda":"Roadmap review, open incidents, release checklist for the 0.2 connector runtime.",\
      "password":"Pb7x92","default_password":false,\
      "recurrence":{"type":2,"repeat_interval":1,"weekly_days":"2","end_times":12},\
      "settings":{"host_video":true,"participant_video":false,"join_before_host":true,"jbh_time":5,\
      "mute_upon_entry":true,"waiting_room":false,"audio":"both","auto_recording":"cloud",\
      "alternative_hosts":"lead@example.com","alternative_hosts_email_notification":true,"approval_type":2,\
      "meeting_authentication":false,"email_notification":true,\
      "meeting_invitees":[{"email":"ana@example.com"},{"email":"ben@example.com"},{"email":"chen@example.com"}],\
      "private_meeting":false,"encryption_type":"enhanced_encryption","focus_mode":false,"watermark":false,\
      "calendar_type":1,"internal_meeting":true,"auto_start_meeting_summary":true,"allow_multiple_devices":true},\
      "tracking_fields":[{"field":"team","value":"platform"},{"field":"cost_center","value":"R&D-42"}]}""";

  BenchRuntime bench;
  OperationDefinition operation;
  BenchOperationSchemas schemas;
  Schema compiledInput;
  JsonMapper mapper;
  JsonNode input;
  JsonNode prepared;
  OperationDefinition getCurrent;
  JsonNode user;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    bench = BenchRuntime.start("patchbay-bench-validation");
    operation = bench.runtime.catalog().connector("zoom").orElseThrow().definition()
        .operation("meetings.create").orElseThrow();
    schemas = new BenchOperationSchemas();
    compiledInput = JsonSchemas.compile(operation.input());
    mapper = JsonMapper.builder().build();
    input = mapper.readTree(INPUT);
    prepared = schemas.prepareInput("zoom", operation, input);
    getCurrent = bench.runtime.catalog().connector("zoom").orElseThrow().definition()
        .operation("users.getCurrent").orElseThrow();
    user = mapper.readTree(FakeZoom.USER_ME);
    schemas.checkOutput("zoom", getCurrent, user, "zoom");
    List<SchemaViolation> violations = JsonSchemas.validate(compiledInput, prepared);
    if (!violations.isEmpty() || !"me".equals(prepared.path("userId").asString())) {
      throw new IllegalStateException("the benchmark input is not a valid meetings.create input: " + violations);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    bench.close();
  }

  @Benchmark
  public JsonNode parseInput() {
    return mapper.readTree(INPUT);
  }

  @Benchmark
  public JsonNode prepareInput() throws Exception {
    return schemas.prepareInput("zoom", operation, input);
  }

  @Benchmark
  public List<SchemaViolation> validateOnly() {
    return JsonSchemas.validate(compiledInput, prepared);
  }

  @Benchmark
  public JsonNode usersGetCurrentOutput() throws Exception {
    schemas.checkOutput("zoom", getCurrent, user, "zoom");
    return user;
  }
}
