from molva.cli import main

main()
