package dev.patchbay.engine.plugins;

/** The operator's admission policy file exists but cannot be used; the message names each broken line. */
public final class MalformedAdmissionPolicyException extends Exception {

  private static final long serialVersionUID = 1L;

  MalformedAdmissionPolicyException(String message) {
    super(message);
  }
}
