-- The security log stores what the User-Agent said as data, the browser and its system in their own
-- columns, so every page names them in the reader's language ("Firefox 133 unter Windows") without
-- parsing stored words. Lines written before stored "Browser on System" (English joining word) in
-- browser: they are split here, once.
alter table security_log add column browser_system varchar(120);

update security_log
   set browser_system = substring(browser from position(' on ' in browser) + 4),
       browser = substring(browser from 1 for position(' on ' in browser) - 1)
 where position(' on ' in browser) > 0;
