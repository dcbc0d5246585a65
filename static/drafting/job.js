// The progress page polls its job every second (htmx). When the answer is a refusal or the job is
// gone (the session ended: 403; the job or the user's place on the bill is gone: 404), the polling
// stops and the page says why, instead of asking again every second for ever.
document.addEventListener("htmx:responseError", (event) => {
  const section = event.detail.elt;
  if (!section || section.id !== "job-progress") return;
  const status = event.detail.xhr.status;
  if (status !== 403 && status !== 404) return;
  const stopped = document.createElement("section");
  stopped.id = "job-progress";
  stopped.className = section.className;
  stopped.setAttribute("role", "alert");
  const message = document.createElement("p");
  message.textContent = section.dataset.stoppedMessage;
  stopped.appendChild(message);
  section.replaceWith(stopped); // out of the page, the element is polled no more
});
