// Passkeys: create one on the security page; prove one to sign in, to pass the second step of a
// password sign-in, or to refresh the check before a change (step-up). The server does every check
// (Spring Security's WebAuthn relying party); this only carries the browser's answers to it.
(function () {
  "use strict";
  if (!window.PublicKeyCredential || !navigator.credentials) { return; } // buttons stay hidden

  function decode(text) {
    var binary = window.atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    return bytes.buffer;
  }

  function encode(buffer) {
    if (!buffer) { return undefined; }
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) { binary += String.fromCharCode(bytes[i]); }
    return window.btoa(binary).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  }

  function descriptors(list) {
    return (list || []).map(function (d) { return Object.assign({}, d, { id: decode(d.id) }); });
  }

  function post(button, url, body) {
    var headers = { "Content-Type": "application/json", "Accept": "application/json" };
    headers[button.dataset.csrfHeader] = button.dataset.csrf;
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body)
    });
  }

  // A step-up answer is a redirect to the confirmation page: the browser goes there. Otherwise the
  // JSON body, or an error with the server's message.
  async function answer(response) {
    if (response.redirected) {
      window.location.href = response.url;
      return null;
    }
    var body = await response.json().catch(function () { return {}; });
    if (!response.ok) { throw new Error(body.message || ""); }
    return body;
  }

  function failed(button, error) {
    var box = document.getElementById(button.dataset.error);
    if (!box) { return; }
    var server = error && error.name === "Error" ? error.message : "";
    box.textContent = server || box.dataset.text;
    box.hidden = false;
  }

  async function create(button) {
    var options = await answer(await post(button, button.dataset.options));
    if (!options) { return; }
    options.challenge = decode(options.challenge);
    options.user = Object.assign({}, options.user, { id: decode(options.user.id) });
    options.excludeCredentials = descriptors(options.excludeCredentials);
    var credential = await navigator.credentials.create({ publicKey: options });
    var response = credential.response;
    var done = await answer(await post(button, button.dataset.register, {
      label: document.getElementById(button.dataset.name).value,
      credential: {
        id: credential.id,
        rawId: encode(credential.rawId),
        response: {
          attestationObject: encode(response.attestationObject),
          clientDataJSON: encode(response.clientDataJSON),
          transports: response.getTransports ? response.getTransports() : []
        },
        type: credential.type,
        clientExtensionResults: credential.getClientExtensionResults(),
        authenticatorAttachment: credential.authenticatorAttachment
      }
    }));
    if (done) { window.location.href = done.redirectUrl; }
  }

  async function prove(button) {
    var options = await answer(await post(button, button.dataset.options));
    if (!options) { return; }
    options.challenge = decode(options.challenge);
    options.allowCredentials = descriptors(options.allowCredentials);
    var credential = await navigator.credentials.get({ publicKey: options });
    var response = credential.response;
    var done = await answer(await post(button, button.dataset.verify, {
      id: credential.id,
      rawId: encode(credential.rawId),
      response: {
        authenticatorData: encode(response.authenticatorData),
        clientDataJSON: encode(response.clientDataJSON),
        signature: encode(response.signature),
        userHandle: encode(response.userHandle)
      },
      type: credential.type,
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment
    }));
    if (done) { window.location.href = done.redirectUrl; }
  }

  function wire(selector, ceremony) {
    document.querySelectorAll(selector).forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        button.disabled = true;
        ceremony(button)
          .catch(function (error) { failed(button, error); })
          .finally(function () { button.disabled = false; });
      });
    });
  }

  wire("button[data-passkey-create]", create);
  wire("button[data-passkey-verify]", prove);
})();
