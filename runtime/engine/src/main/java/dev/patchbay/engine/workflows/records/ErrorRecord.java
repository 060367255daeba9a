package dev.patchbay.engine.workflows.records;

import dev.patchbay.api.ErrorCode;

/**
 * Why a step or element failed. Expressions that cannot be resolved fail with {@link ErrorCode#INVALID_INPUT}.
 *
 * @param message with secrets redacted
 */
public record ErrorRecord(ErrorCode code, String message) {}
