"""Importing an association's existing records from XLSX workbooks, on django-import-export.

An app declares its sheets as `SheetResource`s (columns read by French widgets, rows written
through the app's services) and its import as a `WorkbookImport`; this package reads the file
(`reader`), matches the persons already recorded (`persons`), runs the sheets in one transaction
as a preview or for good (`workbook`), writes the template to download (`template`) and serves
the page (`views`)."""
