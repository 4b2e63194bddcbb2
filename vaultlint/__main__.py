from vaultlint.cli import main

main()
