"""The report engine, below the apps: `Table` and `Row` (a table as data), `Period`, the
counting rules shared by every report (ages and bands), and the charts drawn from tables.

The apps' indicators import it; `reporting` (documents, pages, API) composes the apps'
indicators. Nothing here imports an app."""
