package org.handover.operator.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.handover.apiauth.ApiErrors;
import org.handover.operator.importer.BulkImport;
import org.handover.operator.importer.ImportFile;
import org.handover.operator.importer.ImportProgress;
import org.handover.operator.importer.ImportResult;
import org.handover.operator.importer.InvalidRows;
import org.handover.system.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /operator/v1/import}: multipart parts {@code accounts} and/or {@code services}, CSV
 * or JSON lines, read as streams; {@code dryRun=true} validates and counts without writing. Bad
 * rows answer 400 with every row listed (up to {@value InvalidRows#LISTED}).
 */
@OperatorApi
@RestController
class ImportApi {

  private final BulkImport importer;

  ImportApi(BulkImport importer) {
    this.importer = importer;
  }

  @PostMapping(path = "/operator/v1/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ImportResult importFiles(
      @RequestPart(name = "accounts", required = false) MultipartFile accounts,
      @RequestPart(name = "services", required = false) MultipartFile services,
      @RequestParam(name = "dryRun", defaultValue = "false") boolean dryRun,
      Actor actor) {
    return importer.run(file(accounts), file(services), dryRun, actor, ImportProgress.NONE);
  }

  @ExceptionHandler(InvalidRows.class)
  ResponseEntity<Map<String, Object>> invalid(InvalidRows e) {
    Map<String, Object> body =
        new LinkedHashMap<>(ApiErrors.json(HttpStatus.BAD_REQUEST, null, e.getMessage()));
    body.put("errorCount", e.count());
    body.put("errors", e.listed());
    return ResponseEntity.status(HttpStatus.BAD_REQUEST)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body);
  }

  /** The part as a stream (the container keeps uploaded parts on disk, not in memory). */
  private static ImportFile file(MultipartFile file) {
    return file == null ? null : new ImportFile(file::getInputStream, file.getSize());
  }
}
