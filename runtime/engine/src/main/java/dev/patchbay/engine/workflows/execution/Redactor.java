package dev.patchbay.engine.workflows.execution;

import dev.patchbay.engine.workflows.check.CheckedWorkflow;
import dev.patchbay.engine.workflows.records.RunRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Takes secrets out of what a run record holds: the values of secret inputs wherever they flowed (whole or inside
 * longer strings), values under credential-like member names, bearer and basic credentials, JWTs, and credential
 * query parameters of URLs. What is taken out reads {@value RunRecord#REDACTED}.
 */
public final class Redactor {

  /**
   * A secret this short would also match ordinary text inside longer strings; such a secret is redacted only
   * where it is a whole value.
   */
  private static final int MIN_EMBEDDED_LENGTH = 4;

  /** Member names, lowercased without separators, that hold credentials. */
  private static final List<String> CREDENTIAL_NAMES = List.of("password", "passcode", "passwd", "secret", "token",
      "authorization", "apikey", "privatekey", "credential", "cookie");

  private static final List<Pattern> CREDENTIAL_TEXT = List.of(
      Pattern.compile("(?i)(\\bbearer\\s+)[A-Za-z0-9\\-._~+/]+=*"),
      Pattern.compile("(?i)(\\bbasic\\s+)[A-Za-z0-9+/]{8,}=*"),
      Pattern.compile("()\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"),
      Pattern.compile("(?i)([?&](?:access_token|token|pwd|password|passcode|secret|api_key|apikey|key|signature|sig"
          + "|x-amz-signature|x-amz-credential|x-amz-security-token)=)[^&#\\s\"]+"));

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Set<String> secrets;
  private final List<String> embeddable;

  /** @param secrets the values of the run's secret inputs */
  public Redactor(Collection<String> secrets) {
    this.secrets = Set.copyOf(secrets.stream().filter(secret -> !secret.isEmpty()).toList());
    // Longest first, so a secret containing another is replaced whole.
    this.embeddable = this.secrets.stream().filter(secret -> secret.length() >= MIN_EMBEDDED_LENGTH)
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  /** The redactor of a run: the values of its inputs declared secret. */
  static Redactor forRun(CheckedWorkflow workflow) {
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, JsonNode> input : workflow.inputs().properties()) {
      if (workflow.secretInputs().contains(input.getKey()) && input.getValue().isString()) {
        values.add(input.getValue().stringValue());
      }
    }
    return new Redactor(values);
  }

  /** A copy of {@code value} with secrets taken out; null stays null. */
  public JsonNode redact(JsonNode value) {
    if (value == null) {
      return null;
    }
    if (value.isString()) {
      String text = value.stringValue();
      String redacted = redact(text);
      return redacted.equals(text) ? value : NODES.stringNode(redacted);
    }
    if (value.isObject()) {
      ObjectNode copy = NODES.objectNode();
      for (Map.Entry<String, JsonNode> member : value.properties()) {
        JsonNode memberValue = member.getValue();
        boolean credential = isCredentialName(member.getKey())
            && (memberValue.isString() || memberValue.isNumber() || memberValue.isContainer());
        copy.set(member.getKey(), credential ? NODES.stringNode(RunRecord.REDACTED) : redact(memberValue));
      }
      return copy;
    }
    if (value.isArray()) {
      ArrayNode copy = NODES.arrayNode();
      value.values().forEach(element -> copy.add(redact(element)));
      return copy;
    }
    return value;
  }

  /** {@code text} with secrets taken out. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    if (secrets.contains(text)) {
      return RunRecord.REDACTED;
    }
    String redacted = text;
    for (String secret : embeddable) {
      redacted = redacted.replace(secret, RunRecord.REDACTED);
    }
    for (Pattern pattern : CREDENTIAL_TEXT) {
      redacted = pattern.matcher(redacted).replaceAll(match -> Matcher.quoteReplacement(match.group(1))
          + RunRecord.REDACTED);
    }
    return redacted;
  }

  private static boolean isCredentialName(String name) {
    String normalized = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    return CREDENTIAL_NAMES.stream().anyMatch(normalized::contains);
  }
}
