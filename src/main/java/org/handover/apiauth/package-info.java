/**
 * The reference API's door: application keys, consumer keys and their rules, request signatures,
 * and the API's error shape.
 */
package org.handover.apiauth;
