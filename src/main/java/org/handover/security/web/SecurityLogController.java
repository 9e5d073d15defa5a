package org.handover.security.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.handover.apiauth.SecurityLogLine;
import org.handover.audit.SecurityLog;
import org.handover.security.SecurityLogWords;
import org.handover.system.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The customer's security log: a page, newest first, and the whole log as CSV or JSON lines,
 * written out as it is read (the memory used does not grow with the log).
 */
@Controller
@RequestMapping("/account/security/log")
class SecurityLogController {

  private final SecurityLog log;
  private final JsonMapper json;
  private final SecurityLogWords words;

  SecurityLogController(SecurityLog log, JsonMapper json, SecurityLogWords words) {
    this.log = log;
    this.json = json;
    this.words = words;
  }

  @GetMapping
  String page(
      Actor actor,
      @RequestParam(required = false) Long before,
      Model model,
      Locale locale,
      HttpServletResponse response) {
    if (before != null && before <= 0) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      before = null;
    }
    SecurityLog.Page page = log.page(actor.nic(), before);
    model.addAttribute("log", page);
    model.addAttribute(
        "lines", words.lines(page.entries(), locale, SecurityLogWords.Reader.customer));
    model.addAttribute("first", before == null);
    return "security/log";
  }

  @GetMapping(value = "/export.csv")
  void csv(Actor actor, HttpServletResponse response) throws IOException {
    try (Writer out = open(response, "text/csv", "security-log.csv")) {
      out.write(csvLine(SecurityLogLine.COLUMNS));
      log.export(actor.nic(), e -> write(out, csvLine(SecurityLogLine.of(e).values())));
    }
  }

  @GetMapping(value = "/export.jsonl")
  void jsonLines(Actor actor, HttpServletResponse response) throws IOException {
    try (Writer out = open(response, "application/jsonl", "security-log.jsonl")) {
      log.export(
          actor.nic(), e -> write(out, json.writeValueAsString(SecurityLogLine.of(e)) + "\n"));
    }
  }

  private static Writer open(HttpServletResponse response, String type, String name)
      throws IOException {
    response.setContentType(type + ";charset=UTF-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
    response.setHeader("Cache-Control", "no-store");
    return new BufferedWriter(
        new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 16 * 1024);
  }

  private static void write(Writer out, String text) {
    try {
      out.write(text);
    } catch (IOException gone) {
      throw new UncheckedIOException(gone);
    }
  }

  /**
   * One CSV record: every field quoted, quotes doubled; a field a spreadsheet would run as a
   * formula is prefixed with an apostrophe.
   */
  static String csvLine(String[] values) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        line.append(',');
      }
      String v = values[i] == null ? "" : values[i];
      if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
        v = "'" + v;
      }
      line.append('"').append(v.replace("\"", "\"\"")).append('"');
    }
    return line.append("\r\n").toString();
  }
}
