//! The export archive reader of `acquaint triage`: any bytes as a `.zip`
//! open to the files found or an error that renders, and each file found
//! reads within the size limit or is refused; never a panic, a hang or an
//! allocation the input does not pay for.
#![no_main]

use acquaint_cli::triage::archive::{Archive, ExportFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // One file per fuzzing process, rewritten for each input.
    let path = std::env::temp_dir().join(format!("acquaint-fuzz-{}.zip", std::process::id()));
    if std::fs::write(&path, data).is_err() {
        return;
    }
    // A limit of 1 MB: an input of at most 64 KiB that inflates past it is
    // refused, not read.
    match Archive::open(&path, 1) {
        Ok(archive) => {
            for file in ExportFile::ALL {
                let read = archive.read_file(file, |reader, _| {
                    let mut sink = Vec::new();
                    let _ = reader.read_to_end(&mut sink);
                    assert!(sink.len() <= 1 << 20, "{} bytes read", sink.len());
                    Ok(sink.len())
                });
                if let Err(e) = read {
                    let _ = e.to_string();
                }
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
