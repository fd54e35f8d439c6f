-- The updater's second provider (lambda-updater, io.fxrates.updater.oxr): Open Exchange Rates,
-- which quotes against the US dollar and needs an API key. Its rates live beside the ECB's,
-- under their own provider code; nothing is fetched for it unless FXRATES_PROVIDER=OXR.
INSERT INTO provider (code, name, base_currency) VALUES
    ('OXR', 'Open Exchange Rates', 'USD');
