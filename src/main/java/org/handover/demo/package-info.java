/** Demo data for the embedded default: customers, staff and services to try Handover with. */
package org.handover.demo;
