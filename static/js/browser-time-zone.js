// Sign-up proposes the device's time zone: if the person has not picked one yet, the
// time-zone menu is set to the browser's zone when we offer it (under its current name).
(function () {
  "use strict";
  // Browsers may still report a zone under a name the tz database has since renamed.
  var RENAMED = {
    "Asia/Calcutta": "Asia/Kolkata",
    "Asia/Saigon": "Asia/Ho_Chi_Minh",
    "Asia/Katmandu": "Asia/Kathmandu",
    "Asia/Rangoon": "Asia/Yangon",
    "Europe/Kiev": "Europe/Kyiv",
    "Africa/Asmera": "Africa/Asmara",
    "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
    "Atlantic/Faeroe": "Atlantic/Faroe",
    "Pacific/Ponape": "Pacific/Pohnpei",
    "Etc/UTC": "UTC",
  };

  function browserZone() {
    try {
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      return RENAMED[zone] || zone;
    } catch (error) {
      return "";
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var zone = browserZone();
    document.querySelectorAll("select[data-browser-zone]").forEach(function (select) {
      var untouched = select.value === "UTC" && !select.closest(".has-error");
      var offered = Array.prototype.some.call(select.options, function (option) {
        return option.value === zone;
      });
      if (untouched && offered) select.value = zone;
    });
  });
})();
