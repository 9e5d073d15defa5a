/** A service's history, read from the audit log's typed columns, for the panel and the API. */
package org.handover.history;
