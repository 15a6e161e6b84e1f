/**
 * Calcify's JSON and CSV files, through Jackson 3 and bound to records: {@link org.calcify.io.text.JsonFiles},
 * {@link org.calcify.io.text.CsvFiles} and, for tables whose columns are only known at run time,
 * {@link org.calcify.io.text.CsvTable}. One number policy for both formats ({@link org.calcify.io.text.Decimals}):
 * NaN and infinities are written as {@code null} (JSON) or an empty field (CSV), and read back as NaN.
 * Record components are named in snake case ({@code volumeMm3} is {@code volume_mm3}) unless a
 * {@code @JsonProperty} names them. CSV fields are quoted as RFC 4180 says, and only when they must be.
 */
package org.calcify.io.text;
