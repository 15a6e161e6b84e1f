package org.calcify.serve;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Every error the server answers: the HTTP status and one line saying what went wrong (never a stack trace). */
public record ApiError(@JsonProperty("status") int status, @JsonProperty("error") String error) {
}
